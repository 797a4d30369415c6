import { type RawBuilder, sql } from 'kysely'
import { IrisInputError } from './errors.js'
import { sanitizeDdlLiteral } from './iris-sql-text.js'

/**
 * A comment on a column or table, IRIS's `%DESCRIPTION 'text'` (docs/iris-sql.md#create-and-drop).
 * Use it as a column or table end modifier:
 * `.addColumn('name', 'varchar(50)', (c) => c.modifyEnd(description('Full name')))`.
 * The text is written into the DDL (DDL takes no parameters), so it follows
 * docs/iris-sql.md#text-rewrites: no `;`, `$`, NUL or date-shaped text.
 */
export function description(text: string): RawBuilder<unknown> {
  if (typeof text !== 'string') throw new IrisInputError('description() takes a string')
  sanitizeDdlLiteral(text)
  return sql`%DESCRIPTION ${sql.lit(text)}`
}
