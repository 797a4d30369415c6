/** SQL words an error response must never contain. */
export const SQL_WORDS = /\b(select|insert|update|delete|from|values|where|sqlcode|to_vector)\b/i
