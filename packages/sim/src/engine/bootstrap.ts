/**
 * What a fresh database gets before the first client connects: pgvector, the sim's bookkeeping
 * tables (catalog/metadata.ts), the translator's runtime (domains, functions, casts), IRIS's
 * default schema `SQLUser` as the search path (docs/iris-sql.md#topology, docs/iris-sql.md#schemas)
 * and the catalog views (docs/iris-sql.md#information_schema). A version marker (a hash of all of
 * it and of the PGlite version) makes a persistent data directory skip the bootstrap when it is
 * already done, and names the cached template.
 */
import { createHash } from 'node:crypto'
import { readFileSync } from 'node:fs'
import { createRequire } from 'node:module'
import { dirname, join } from 'node:path'
import { METADATA_SQL, OVERRIDES_SCHEMA, SIM_SCHEMA } from '../catalog/metadata.js'
import { DEFAULT_SCHEMA } from '../catalog/names.js'
import { CATALOG_VIEWS_SQL } from '../catalog/views.js'
import { RUNTIME_SQL } from '../translate/runtime.js'
import { dateArithmeticSql } from './date-arithmetic.js'
import { divisionOperatorsSql } from './division-operators.js'
import { EXACT_STRING_FUNCTIONS_SQL } from './exact-string-functions.js'
import { NUMBER_STRING_FUNCTIONS_SQL } from './number-string-functions.js'
import { numberStringOperatorsSql } from './number-string-operators.js'
import { stringArithmeticSql } from './string-arithmetic.js'

function pgliteVersion(): string {
  const entry = createRequire(import.meta.url).resolve('@electric-sql/pglite')
  const manifest = JSON.parse(readFileSync(join(dirname(entry), '..', 'package.json'), 'utf8')) as {
    version: string
  }
  return manifest.version
}

/**
 * IRIS's default schema first (docs/iris-sql.md#topology, docs/iris-sql.md#schemas), then the
 * overrides ahead of pg_catalog; `public` holds pgvector's types and operators.
 */
const SEARCH_PATH = `"${DEFAULT_SCHEMA}", ${OVERRIDES_SCHEMA}, pg_catalog, public`

/** docs/iris-sql.md#server-identity: `SELECT version()` names the IRIS PGWire server, as clients use it to recognise IRIS; the divisions, division-operators.ts; date arithmetic refused, date-arithmetic.ts; strings with numbers, number-string-operators.ts and string-arithmetic.ts. */
const OVERRIDES_SQL = `
create or replace function ${OVERRIDES_SCHEMA}.version() returns text language sql immutable as
$$ select 'PostgreSQL 16.0 (InterSystems IRIS PGWire Protocol)'::text $$;
${stringArithmeticSql(OVERRIDES_SCHEMA)}
${divisionOperatorsSql(OVERRIDES_SCHEMA)}
${dateArithmeticSql(OVERRIDES_SCHEMA)}
${numberStringOperatorsSql(OVERRIDES_SCHEMA)}`

const BOOTSTRAP_SQL = [
  'create extension if not exists vector;',
  METADATA_SQL,
  RUNTIME_SQL,
  `create schema if not exists "${DEFAULT_SCHEMA}";`,
  CATALOG_VIEWS_SQL,
  OVERRIDES_SQL,
  EXACT_STRING_FUNCTIONS_SQL,
  NUMBER_STRING_FUNCTIONS_SQL,
  // New backends (a data directory reopened, a template loaded) start with IRIS's default schema.
  `alter database postgres set search_path to ${SEARCH_PATH};`,
  `set search_path to ${SEARCH_PATH};`,
].join('\n')

/** Identifies this bootstrap: changes whenever its SQL or the PGlite version changes. */
export const BOOTSTRAP_VERSION = createHash('sha256')
  .update(BOOTSTRAP_SQL)
  .update(pgliteVersion())
  .digest('hex')
  .slice(0, 16)

/** The bootstrap, ending with the marker. Runs as one simple query (one transaction). */
export const BOOTSTRAP_SCRIPT = `begin;\n${BOOTSTRAP_SQL}
create table ${SIM_SCHEMA}.bootstrap (version text not null);
insert into ${SIM_SCHEMA}.bootstrap values ('${BOOTSTRAP_VERSION}');
commit;`

/** Whether a database has the marker at all (a fresh data directory has not). */
export const BOOTSTRAP_MARKER_EXISTS = `select to_regclass('${SIM_SCHEMA}.bootstrap') is not null as present`

/** The bootstrap version a database was made with. */
export const BOOTSTRAP_MARKER_QUERY = `select version from ${SIM_SCHEMA}.bootstrap limit 1`

/** Run on every new backend: the session-level settings the sim relies on. */
export const SESSION_SETUP_SQL = `set search_path to ${SEARCH_PATH}; set timezone to 'UTC'; set datestyle to 'ISO, MDY';`
