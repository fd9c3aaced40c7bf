/**
 * The boundary check for notice content: turns Tiptap JSON into a ProseMirror document of
 * {@link noticeSchema}, or throws an error naming the JSON path and the node at fault. Nothing is
 * dropped or repaired silently (unlike the Yjs binding, which deletes what does not fit).
 */
import type { JSONContent } from '@tiptap/core'
import type { Mark, NodeType, Node as ProseMirrorNode, Schema } from '@tiptap/pm/model'
import { symbolOrganisation } from './document-symbol'
import { MARK_NAMES, NODE_NAMES } from './node-names'
import { noticeSchema } from './notice-extensions'
import { organisationNamed } from './organisations'
import { parseSymbol, SymbolError } from './symbol-grammar'

/** Thrown for content that does not fit the notice schema; `path` locates the bad node in the JSON. */
export class NoticeContentError extends Error {
  /** JSON path of the offending node, e.g. `doc.content[3].content[0]`. */
  readonly path: string

  constructor(path: string, problem: string, options?: { cause?: unknown }) {
    super(`Invalid notice content at ${path}: ${problem}`, options)
    this.name = 'NoticeContentError'
    this.path = path
  }
}

/** Options of {@link docFromJSON}. */
export type DocFromJSONOptions = {
  /**
   * Also check meaning, not only structure: symbols parse, speakers have a name, agenda item ids are
   * unique and links are http(s) or mailto (the default). Readers of a live document turn it off: a peer may hold a duplicate id for a moment.
   */
  strict?: boolean
}

type JSONRecord = Record<string, unknown>

const isRecord = (value: unknown): value is JSONRecord =>
  typeof value === 'object' && value !== null && !Array.isArray(value)

const describe = (value: unknown): string =>
  value === null
    ? 'null'
    : Array.isArray(value)
      ? 'an array'
      : typeof value === 'string'
        ? JSON.stringify(value)
        : typeof value

/**
 * Builds the document of `json`, validated against {@link noticeSchema}: node and mark types, attributes,
 * content expressions, allowed marks; in strict mode also symbols, speaker names, unique agenda item
 * ids and link targets.
 * Throws {@link NoticeContentError} naming the JSON path and the bad node.
 */
export function docFromJSON(json: JSONContent, options: DocFromJSONOptions = {}): ProseMirrorNode {
  const strict = options.strict ?? true
  if (!isRecord(json))
    throw new NoticeContentError('doc', `expected a document object, got ${describe(json)}`)
  if (json.type !== noticeSchema.topNodeType.name) {
    throw new NoticeContentError(
      'doc',
      `expected a node of type "doc" at the top, got ${describe(json.type)}`,
    )
  }
  const ids = new Map<string, string>()
  const doc = buildNode(noticeSchema, json, 'doc', { strict, ids })
  try {
    doc.check()
  } catch (error) {
    throw new NoticeContentError('doc', error instanceof Error ? error.message : String(error), {
      cause: error,
    })
  }
  return doc
}

type BuildContext = { strict: boolean; ids: Map<string, string> }

function buildNode(schema: Schema, json: JSONRecord, path: string, context: BuildContext): ProseMirrorNode {
  const typeName = json.type
  if (typeof typeName !== 'string')
    throw new NoticeContentError(path, `node has no "type", got ${describe(typeName)}`)
  const type = schema.nodes[typeName]
  if (!type) throw new NoticeContentError(path, `unknown node type ${JSON.stringify(typeName)}`)
  for (const key of Object.keys(json)) {
    if (!['type', 'attrs', 'content', 'marks', 'text'].includes(key)) {
      throw new NoticeContentError(path, `unknown key ${JSON.stringify(key)} on ${typeName}`)
    }
  }
  const attrs = checkAttrs(json.attrs, type.spec.attrs ?? {}, path, typeName)
  const marks = buildMarks(schema, json.marks, path, context)

  if (type.isText) {
    if (typeof json.text !== 'string' || json.text === '') {
      throw new NoticeContentError(path, `a text node needs a non-empty "text", got ${describe(json.text)}`)
    }
    if (json.content !== undefined) throw new NoticeContentError(path, 'a text node has no "content"')
    return schema.text(json.text, marks)
  }
  if (json.text !== undefined) throw new NoticeContentError(path, `a ${typeName} node has no "text"`)

  const contentJSON = json.content ?? []
  if (!Array.isArray(contentJSON)) {
    throw new NoticeContentError(
      path,
      `"content" of ${typeName} must be an array, got ${describe(contentJSON)}`,
    )
  }
  const children: ProseMirrorNode[] = contentJSON.map((child, index) => {
    const childPath = `${path}.content[${index}]`
    if (!isRecord(child))
      throw new NoticeContentError(childPath, `expected a node object, got ${describe(child)}`)
    return buildNode(schema, child, childPath, context)
  })
  checkContent(type, children, path)

  let node: ProseMirrorNode
  try {
    node = type.createChecked(attrs, children, marks)
  } catch (error) {
    const message = error instanceof Error ? error.message : String(error)
    throw new NoticeContentError(path, `${typeName}: ${message}`, { cause: error })
  }
  checkMeaning(node, path, context)
  return node
}

function checkAttrs(
  value: unknown,
  specs: Readonly<Record<string, unknown>>,
  path: string,
  typeName: string,
): JSONRecord | null {
  if (value === undefined || value === null) return null
  if (!isRecord(value))
    throw new NoticeContentError(path, `"attrs" of ${typeName} must be an object, got ${describe(value)}`)
  for (const key of Object.keys(value)) {
    if (!(key in specs))
      throw new NoticeContentError(path, `unknown attribute ${JSON.stringify(key)} on ${typeName}`)
  }
  return value
}

function buildMarks(schema: Schema, value: unknown, path: string, context: BuildContext): Mark[] {
  if (value === undefined) return []
  if (!Array.isArray(value))
    throw new NoticeContentError(path, `"marks" must be an array, got ${describe(value)}`)
  return value.map((markJSON, index) => {
    const markPath = `${path}.marks[${index}]`
    if (!isRecord(markJSON))
      throw new NoticeContentError(markPath, `expected a mark object, got ${describe(markJSON)}`)
    const typeName = markJSON.type
    const type = typeof typeName === 'string' ? schema.marks[typeName] : undefined
    if (!type) throw new NoticeContentError(markPath, `unknown mark type ${describe(typeName)}`)
    const attrs = checkAttrs(markJSON.attrs, type.spec.attrs ?? {}, markPath, type.name)
    if (context.strict && type.name === MARK_NAMES.link) checkHref(attrs?.href, markPath)
    try {
      return type.create(attrs)
    } catch (error) {
      const message = error instanceof Error ? error.message : String(error)
      throw new NoticeContentError(markPath, `${type.name}: ${message}`, { cause: error })
    }
  })
}

// Links in a notice point to published documents: web pages and mail addresses, never scripts.
const LINK_HREF = /^(https?:\/\/|mailto:)\S+$/i

function checkHref(href: unknown, path: string): void {
  if (typeof href !== 'string' || !LINK_HREF.test(href)) {
    throw new NoticeContentError(path, `a link needs an http(s) or mailto href, got ${describe(href)}`)
  }
}

function checkContent(type: NodeType, children: readonly ProseMirrorNode[], path: string): void {
  const expression = type.spec.content ?? ''
  let match = type.contentMatch
  for (const [index, child] of children.entries()) {
    const next = match.matchType(child.type)
    if (!next) {
      const where =
        expression === '' ? `${type.name} takes no content` : `${type.name} expects "${expression}"`
      throw new NoticeContentError(
        `${path}.content[${index}]`,
        `${child.type.name} is not allowed here (${where})`,
      )
    }
    match = next
    for (const mark of child.marks) {
      if (!type.allowsMarkType(mark.type)) {
        throw new NoticeContentError(
          `${path}.content[${index}]`,
          `mark ${mark.type.name} is not allowed inside ${type.name}`,
        )
      }
    }
  }
  if (!match.validEnd) {
    const missing = match.defaultType?.name
    throw new NoticeContentError(
      path,
      `${type.name} is incomplete: "${expression}" needs ${missing ? `${/^[aeiou]/i.test(missing) ? 'an' : 'a'} ${missing}` : 'more content'} here`,
    )
  }
}

function checkMeaning(node: ProseMirrorNode, path: string, context: BuildContext): void {
  const name = node.type.name
  if (name === NODE_NAMES.speaker || name === NODE_NAMES.symbol || name === NODE_NAMES.agendaItem) {
    for (const [key, value] of Object.entries(node.attrs)) {
      if (name === NODE_NAMES.agendaItem && key === 'recurring') {
        if (typeof value !== 'boolean') {
          throw new NoticeContentError(
            path,
            `attribute "recurring" of ${name} must be a boolean, got ${describe(value)}`,
          )
        }
        continue
      }
      const nullable = name === NODE_NAMES.agendaItem && key === 'id'
      if (typeof value !== 'string' && !(nullable && value === null)) {
        throw new NoticeContentError(
          path,
          `attribute ${JSON.stringify(key)} of ${name} must be a string, got ${describe(value)}`,
        )
      }
    }
  }
  if (!context.strict) return
  if (name === NODE_NAMES.speaker && node.attrs.name === '')
    throw new NoticeContentError(path, 'a speaker needs a name')
  if (name === NODE_NAMES.symbol) {
    const organisation = String(node.attrs.organisation)
    if (organisation !== '' && organisationNamed(organisation) === undefined) {
      throw new NoticeContentError(path, `unknown organisation ${JSON.stringify(organisation)} of a symbol`)
    }
    try {
      parseSymbol(String(node.attrs.symbol), symbolOrganisation(node.attrs))
    } catch (error) {
      if (!(error instanceof SymbolError)) throw error
      throw new NoticeContentError(path, error.message, { cause: error })
    }
  }
  if (name === NODE_NAMES.agendaItem && typeof node.attrs.id === 'string') {
    const id = node.attrs.id
    const first = context.ids.get(id)
    if (first !== undefined) {
      throw new NoticeContentError(path, `agenda item id ${JSON.stringify(id)} is also used at ${first}`)
    }
    context.ids.set(id, path)
  }
}
