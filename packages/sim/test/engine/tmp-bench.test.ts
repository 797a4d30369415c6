import { it } from 'vitest'
import { PGlite } from '@electric-sql/pglite'
import { runAll, testEngine } from './helpers.js'
it('bench', async () => {
  const engine = await testEngine()
  const s = engine.openSession({ user: 'u', database: 'd' })
  await runAll(s, 'CREATE TABLE b (id INTEGER PRIMARY KEY, name VARCHAR(20))')
  await runAll(s, "INSERT INTO b (id, name) VALUES (1, 'x')")
  const raw = await PGlite.create()
  await raw.exec("create table b (id int primary key, name varchar(20)); insert into b values (1, 'x')")
  const n = 2000
  for (let k = 0; k < 3; k++) {
    let t = performance.now()
    for (let i = 0; i < n; i++) await s.execute('SELECT id, name FROM b WHERE id = ?', ['1'], [])
    const e = (performance.now() - t) / n
    t = performance.now()
    for (let i = 0; i < n; i++) await raw.query('select id, name from b where id = $1', ['1'])
    const r = (performance.now() - t) / n
    t = performance.now()
    await runAll(s, 'START TRANSACTION')
    for (let i = 0; i < n; i++) await s.execute('SELECT id, name FROM b WHERE id = ?', ['1'], [])
    await runAll(s, 'COMMIT')
    const tx = (performance.now() - t) / n
    console.log(`engine ${e.toFixed(3)} ms, in tx ${tx.toFixed(3)} ms, raw pglite ${r.toFixed(3)} ms`)
  }
  await raw.close()
  await engine.close()
}, 300000)
