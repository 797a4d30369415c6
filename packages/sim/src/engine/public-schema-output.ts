/**
 * docs/iris-sql.md#the-public-schema: on the way out, iris-pgwire shows the value `SQLUser` (in
 * any case) as `public` in result columns labelled `table_schema`, `schema_name` or `nspname`, on
 * both backends. An alias (`TABLE_SCHEMA AS s`) escapes it.
 */
const SCHEMA_LABELS: ReadonlySet<string> = new Set(['table_schema', 'schema_name', 'nspname'])

export function publicSchemaOutput(
  labels: readonly string[],
  rows: (string | null)[][],
): (string | null)[][] {
  const schemaColumns = labels.flatMap((label, i) =>
    SCHEMA_LABELS.has(label.toLowerCase()) ? [i] : [],
  )
  if (schemaColumns.length === 0) return rows
  return rows.map((row) => {
    const out = [...row]
    for (const i of schemaColumns) if (out[i]?.toUpperCase() === 'SQLUSER') out[i] = 'public'
    return out
  })
}
