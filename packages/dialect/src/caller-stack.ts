/**
 * pg rejects a query from its socket handler, so the error's own stack names none of the frames
 * that ran the query. Like Kysely's own drivers, the dialect appends the stack of an Error made
 * where the rejection is awaited, whose async frames lead back to the user's code.
 */
export function withCallerStack<E extends Error>(error: E, awaitedAt: Error): E {
  const frames = awaitedAt.stack?.split('\n').slice(1).join('\n')
  if (frames) error.stack = `${error.stack ?? String(error)}\n${frames}`
  return error
}
