/**
 * IRIS column collations as the sim stores them (docs/iris-sql.md#collation): case is a PostgreSQL
 * collation's business (case-insensitive ICU for SQLUPPER, exact "C" otherwise), and SQLUPPER and
 * SQLSTRING, which ignore trailing blanks, give VARCHAR and CHAR columns the sim's own string type
 * (collated-string.ts), since no PostgreSQL collation can ignore only trailing blanks.
 */
import { EXACT_COLLATION, SQLUPPER_COLLATION } from '../catalog/metadata.js'

export interface ColumnCollation {
  /** The PostgreSQL collation. */
  pgCollation: string
  /** Whether comparisons ignore trailing blanks (SQLUPPER, SQLSTRING). */
  ignoresTrailingBlanks: boolean
}

/** `%SQLUPPER`, the default of string columns. */
export const DEFAULT_COLUMN_COLLATION: ColumnCollation = {
  pgCollation: SQLUPPER_COLLATION,
  ignoresTrailingBlanks: true,
}

const KEYWORDS: Readonly<Record<string, ColumnCollation>> = {
  '%EXACT': { pgCollation: EXACT_COLLATION, ignoresTrailingBlanks: false },
  '%SQLUPPER': DEFAULT_COLUMN_COLLATION,
  '%SQLSTRING': { pgCollation: EXACT_COLLATION, ignoresTrailingBlanks: true },
}

/** The collation a `COLLATE` keyword names: an IRIS one, else a PostgreSQL collation by that name. */
export function columnCollation(keyword: string): ColumnCollation {
  return KEYWORDS[keyword.toUpperCase()] ?? { pgCollation: keyword, ignoresTrailingBlanks: false }
}
