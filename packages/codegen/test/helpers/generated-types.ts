/**
 * Reads a generated file the way a reviewer would: the type written for each column of one
 * interface, without the Generated / GeneratedAlways wrapper (what a select returns).
 */
export function selectTypes(file: string, interfaceName: string): Record<string, string> {
  const body = new RegExp(`export interface ${interfaceName} \\{\\n([\\s\\S]*?)\\n\\}`).exec(
    file,
  )?.[1]
  if (body === undefined) throw new Error(`interface ${interfaceName} not found in:\n${file}`)
  const types: Record<string, string> = {}
  for (const match of body.matchAll(/^ {2}"?([\w$]+)"?: (.*);$/gm)) {
    types[match[1]!] = match[2]!.replace(/^(?:Generated|GeneratedAlways)<(.*)>$/, '$1')
  }
  return types
}

/**
 * Whether a runtime value is one of the union members of a generated type. Knows the members the
 * generator writes; anything else fails loudly rather than passing.
 */
export function conformsTo(
  value: unknown,
  tsType: string,
  vectorType: 'string' | 'number[]',
): boolean {
  return tsType.split(' | ').some((member) => {
    switch (member) {
      case 'null':
        return value === null
      case 'number':
      case 'string':
      case 'boolean':
      case 'bigint':
        return typeof value === member
      case 'Date':
        return value instanceof Date && !Number.isNaN(value.getTime())
      case 'Buffer':
        return Buffer.isBuffer(value)
      case 'Bit':
        return value === 0 || value === 1
      default:
        if (/^Vector<\d+, "\w+">$/.test(member)) {
          return vectorType === 'string'
            ? typeof value === 'string'
            : Array.isArray(value) && value.every((n) => typeof n === 'number')
        }
        throw new Error(`conformsTo does not know the generated type member ${member}`)
    }
  })
}
