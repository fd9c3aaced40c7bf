/**
 * The rules a notice Y.Doc's parts must follow to read as a notice, one value at a time: node and
 * mark attributes of the right type and size, formatting attributes naming marks of the schema,
 * metadata values that pass the metadata rules, and the nesting limit. Shared by the incremental
 * check of an update (ydoc-check.ts) and the lenient reader (ydoc-lenient-read.ts), so that what
 * the server accepts is exactly what a reader reads without dropping anything.
 */
import type { MarkType, NodeType } from '@tiptap/pm/model'
import { MARK_NAMES } from './node-names'
import { noticeSchema } from './notice-extensions'
import { MetaError, NOTICE_META_FIELDS, parseNoticeMetaPatch } from './notice-meta'

/** The size limits of a notice document beyond the schema itself. */
export const NOTICE_DOC_LIMITS = {
  /**
   * Elements nested in one another, counting from the top of the document (an agenda sub-item
   * 3.1.2 holding a list is at depth 5); deeper content is refused and never read, so no reader
   * or serialiser recurses further.
   */
  maxDepth: 32,
  /** The longest string attribute of a node or mark, in UTF-16 code units (a speaker's name, a link). */
  maxAttributeLength: 1000,
} as const

const describe = (value: unknown): string =>
  value === null
    ? 'null'
    : Array.isArray(value)
      ? 'an array'
      : typeof value === 'string'
        ? JSON.stringify(value.length > 40 ? `${value.slice(0, 40)}…` : value)
        : typeof value

const isRecord = (value: unknown): value is Record<string, unknown> =>
  typeof value === 'object' && value !== null && !Array.isArray(value) && !(value instanceof Uint8Array)

/** The node type named `name` that may appear inside a notice (not `doc`, not `text`), or undefined. */
export function elementType(name: string): NodeType | undefined {
  if (!Object.hasOwn(noticeSchema.nodes, name)) return undefined
  const type = noticeSchema.nodes[name]
  return type && !type.isText && type !== noticeSchema.topNodeType ? type : undefined
}

/**
 * Why `value` cannot be attribute `key` of a `owner` node or mark (whose attribute specs are
 * `specs`), or null when it can: the attribute must be declared, and its value a string (at most
 * {@link NOTICE_DOC_LIMITS}.maxAttributeLength long), a finite number where the default is a
 * number, a boolean where the default is a boolean, or null where the default is null.
 */
export function attributeProblem(
  owner: string,
  specs: Readonly<Record<string, { default?: unknown }>> | undefined,
  key: string,
  value: unknown,
): string | null {
  const spec = specs && Object.hasOwn(specs, key) ? specs[key] : undefined
  if (!spec) return `unknown attribute ${JSON.stringify(key)} on ${owner}`
  const fallback = spec.default
  if (typeof value === 'string') {
    if (value.length > NOTICE_DOC_LIMITS.maxAttributeLength) {
      return `attribute ${JSON.stringify(key)} of ${owner} is ${value.length} characters long, over the limit of ${NOTICE_DOC_LIMITS.maxAttributeLength}`
    }
    return typeof fallback === 'number'
      ? `attribute ${JSON.stringify(key)} of ${owner} must be a number`
      : null
  }
  if (typeof value === 'number' && typeof fallback === 'number' && Number.isFinite(value)) return null
  if (typeof value === 'boolean' && typeof fallback === 'boolean') return null
  if (value === null && fallback === null) return null
  return `attribute ${JSON.stringify(key)} of ${owner} cannot be ${describe(value)}`
}

// y-prosemirror stores a mark that may overlap itself (none in the notice schema today) as
// `name--hash`, with an 8-character base64 hash.
const HASHED_MARK = /^(.*)--[a-zA-Z0-9+/=]{8}$/

/** The mark type a Y.XmlText formatting attribute stands for, or undefined if none of the schema. */
export function markTypeOfAttribute(attribute: string): MarkType | undefined {
  const name = HASHED_MARK.exec(attribute)?.[1] ?? attribute
  return Object.hasOwn(noticeSchema.marks, name) ? noticeSchema.marks[name] : undefined
}

/**
 * Why the formatting attribute `attribute` = `value` of text inside a `parent` node is not a mark
 * the schema knows there, or null when it is. `null` (the end of a formatting run) is always fine.
 */
export function formatProblem(
  parent: NodeType | undefined,
  attribute: string,
  value: unknown,
): string | null {
  if (value === null) return null
  const type = markTypeOfAttribute(attribute)
  if (!type) return `unknown mark ${JSON.stringify(attribute)}`
  if (!isRecord(value)) return `mark ${type.name} cannot have ${describe(value)} as attributes`
  for (const [key, field] of Object.entries(value)) {
    const problem = attributeProblem(`mark ${type.name}`, type.spec.attrs, key, field)
    if (problem) return problem
  }
  if (type.name === MARK_NAMES.link && typeof value.href !== 'string') return 'a link needs an href'
  if (parent && !parent.allowsMarkType(type)) return `mark ${type.name} is not allowed inside ${parent.name}`
  return null
}

/**
 * Why `value` cannot be metadata field `key`, or null when it can: the same rules as an HTTP
 * metadata patch (packages/schema notice-meta.ts), one field at a time.
 */
export function metaValueProblem(key: string, value: unknown): string | null {
  if (!(NOTICE_META_FIELDS as readonly string[]).includes(key)) {
    return `unknown metadata field ${JSON.stringify(key)}`
  }
  try {
    parseNoticeMetaPatch({ [key]: value })
    return null
  } catch (error) {
    if (error instanceof MetaError) return error.message
    throw error
  }
}
