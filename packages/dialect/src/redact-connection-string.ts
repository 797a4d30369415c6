/**
 * Hides the password of a connection string (`postgres://user:***@host/NS`) so that it can be
 * logged or put in an error message. Works on strings that are not valid URLs too, since those
 * are exactly the ones an error message shows. Exported for kysely-iris-codegen and the tools.
 */
export function redactConnectionString(value: string): string {
  return value.replace(/\/\/([^:/@]*):[^@]*@/, '//$1:***@')
}
