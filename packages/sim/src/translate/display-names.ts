/**
 * The SQL that records an object's display name, the case it was created with
 * (docs/iris-sql.md#identifiers), in `iris_sim.display_name` (../catalog/metadata.ts), keyed as
 * PostgreSQL addresses objects: catalog, object OID, column number. DDL plans run these after the
 * statement that creates or renames the object; an event trigger forgets the names of dropped
 * objects. The catalog views show these names (../catalog/views.ts), and the engine labels result
 * columns with them.
 */
import { DISPLAY_NAME_TABLE } from '../catalog/metadata.js'
import { qualifiedSql, quoteLiteral } from './names.js'
import type { TableRef } from './plan.js'

/** `keep`: an existing name stays (CREATE ... IF NOT EXISTS of an object that exists); `replace`: the new one wins. */
export type OnExisting = 'keep' | 'replace'

function record(catalog: string, object: string, column: string, name: string, on: OnExisting) {
  const conflict = on === 'keep' ? 'do nothing' : 'do update set name = excluded.name'
  // No row when the object is not there (CREATE TABLE IF NOT EXISTS of a table without that column).
  return `insert into ${DISPLAY_NAME_TABLE} (classid, objid, objsubid, name) select '${catalog}'::regclass, o.objid, o.objsubid, ${quoteLiteral(name)} from (select ${object} as objid, ${column} as objsubid) o where o.objid is not null and o.objsubid is not null on conflict (classid, objid, objsubid) ${conflict}`
}

const relation = (table: TableRef) => `${quoteLiteral(qualifiedSql(table))}::regclass`

/** A schema (`stored`, as PostgreSQL names it): the first name it was created with stays (docs/iris-sql.md#schemas). */
export function schemaDisplayName(stored: string, name: string): string {
  return record(
    'pg_namespace',
    `(select oid from pg_namespace where nspname = ${quoteLiteral(stored)})`,
    '0',
    name,
    'keep',
  )
}

/** A table, view or index (`table.name` the index for an index). */
export function relationDisplayName(table: TableRef, name: string, on: OnExisting): string {
  return record('pg_class', relation(table), '0', name, on)
}

export function columnDisplayName(
  table: TableRef,
  column: string,
  name: string,
  on: OnExisting,
): string {
  const attnum = `(select attnum from pg_attribute where attrelid = ${relation(table)} and attname = ${quoteLiteral(column)})`
  return record('pg_class', relation(table), attnum, name, on)
}

/** The column at a position (1-based), for a view's columns. */
export function columnDisplayNameAt(table: TableRef, position: number, name: string): string {
  return record('pg_class', relation(table), String(position), name, 'replace')
}

export function constraintDisplayName(table: TableRef, constraint: string, name: string): string {
  const oid = `(select oid from pg_constraint where conrelid = ${relation(table)} and conname = ${quoteLiteral(constraint)})`
  return record('pg_constraint', oid, '0', name, 'replace')
}
