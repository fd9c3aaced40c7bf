/**
 * Canonical JSON: one spelling per value, whatever order its keys were built in, so that equal
 * content always hashes the same. Object keys are sorted by UTF-16 code units, there is no
 * whitespace, and properties whose value is `undefined` are left out (as `JSON.stringify` does).
 */

/**
 * The canonical JSON text of `value`, which must be plain JSON data (objects, arrays, strings,
 * finite numbers, booleans, null). Throws a TypeError naming the path of anything else.
 */
export function canonicalJson(value: unknown): string {
  return write(value, '$')
}

function write(value: unknown, path: string): string {
  if (value === null) return 'null'
  switch (typeof value) {
    case 'string':
    case 'boolean':
      return JSON.stringify(value)
    case 'number':
      if (!Number.isFinite(value)) throw new TypeError(`Cannot write ${value} at ${path} as canonical JSON`)
      return JSON.stringify(value)
    case 'object': {
      if (Array.isArray(value)) {
        return `[${value.map((item, index) => write(item ?? null, `${path}[${index}]`)).join(',')}]`
      }
      const prototype = Object.getPrototypeOf(value)
      if (prototype !== Object.prototype && prototype !== null) {
        throw new TypeError(
          `Cannot write a ${prototype?.constructor?.name ?? 'non-plain'} object at ${path} as canonical JSON`,
        )
      }
      const record = value as Record<string, unknown>
      const members = Object.keys(record)
        .filter((key) => record[key] !== undefined)
        .sort()
        .map((key) => `${JSON.stringify(key)}:${write(record[key], `${path}.${key}`)}`)
      return `{${members.join(',')}}`
    }
    default:
      throw new TypeError(`Cannot write a ${typeof value} at ${path} as canonical JSON`)
  }
}
