/**
 * `LOCK TABLE t IN EXCLUSIVE MODE [WAIT seconds]` and `UNLOCK TABLE t IN EXCLUSIVE MODE`
 * (docs/iris-sql.md#table-locks): held by the session until unlocked.
 */
import { irisError } from './iris-error.js'
import { readQualifiedName } from './names.js'
import type { LockTablePlan, UnlockTablePlan } from './plan.js'
import { isTrivia, isWord, type Token } from './tokenizer.js'

export function lockPlan(
  tokens: readonly Token[],
  base: { source: string },
): LockTablePlan | UnlockTablePlan | undefined {
  const significant = tokens.filter((token) => !isTrivia(token))
  const [verb] = significant
  if (!isWord(verb, 'LOCK') && !isWord(verb, 'UNLOCK')) return undefined
  let i = isWord(significant[1], 'TABLE') ? 2 : 1
  const name = readQualifiedName(significant, i)
  if (!name) throw irisError(-1, `${verb?.text.toUpperCase()} TABLE needs a table name`)
  i = name.end
  const words = significant.slice(i).map((token) => token.text.toUpperCase())
  if (
    words[0] !== 'IN' ||
    words[2] !== 'MODE' ||
    (words[1] !== 'EXCLUSIVE' && words[1] !== 'SHARE')
  ) {
    throw irisError(-1, `${verb?.text.toUpperCase()} TABLE takes IN EXCLUSIVE MODE`)
  }
  if (words[1] === 'SHARE')
    throw irisError(-1, 'the simulator supports only IN EXCLUSIVE MODE table locks')
  const common = { ...base, kind: 'lock' as const, paramCount: 0, target: name.table }
  if (isWord(verb, 'UNLOCK')) {
    if (words.length > 3) throw irisError(-25, `unexpected ${words[3]} after UNLOCK TABLE`)
    return { ...common, type: 'unlockTable' }
  }
  if (words.length === 3) return { ...common, type: 'lockTable' }
  if (words[3] === 'WAIT' && words.length === 5 && /^\d+$/.test(words[4] ?? '')) {
    return { ...common, type: 'lockTable', waitSeconds: Number(words[4]) }
  }
  throw irisError(-25, `unexpected ${words[3]} after LOCK TABLE ... IN EXCLUSIVE MODE`)
}
