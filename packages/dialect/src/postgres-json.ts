import { IrisUnsupportedError } from './errors.js'

/**
 * A call of one of PostgreSQL's JSON builders in SQL text, the name captured. Kysely writes them
 * for fn.jsonAgg() and fn.toJson() and in kysely/helpers/postgres (jsonArrayFrom: json_agg,
 * jsonObjectFrom: to_json, jsonBuildObject: json_build_object). None is an IRIS SQL function, so
 * IRIS would answer SQLCODE -359 (docs/iris-sql.md#functions).
 */
export const POSTGRES_JSON_CALL = /\b(jsonb?_agg|to_jsonb?|jsonb?_build_object)\s*\(/i

/** True when a function node's name is one of PostgreSQL's JSON builders (see POSTGRES_JSON_CALL). */
export function isPostgresJsonFunction(name: string): boolean {
  return POSTGRES_JSON_CALL.test(`${name}(`)
}

/** Refuses a PostgreSQL JSON builder before IRIS refuses it with SQLCODE -359. */
export function refusePostgresJson(name: string): never {
  throw new IrisUnsupportedError(
    `${name}() is not an IRIS SQL function, so Kysely's PostgreSQL JSON builders (fn.jsonAgg, fn.toJson, and jsonArrayFrom, jsonObjectFrom and jsonBuildObject from kysely/helpers/postgres) cannot run on IRIS; select the rows and build the JSON in the application`,
  )
}
