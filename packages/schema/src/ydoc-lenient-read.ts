/**
 * Reading a notice Y.Doc whatever it holds: a state stored before the server checked updates, or a
 * database edited by hand, still reads as a valid notice. What does not fit is dropped (unknown
 * elements, attributes and marks, content in the wrong place, nesting past the limit, metadata
 * that fails its rules) and each drop is reported as a problem, for the reader to show. The walk
 * is iterative, so no nesting depth can overflow the stack.
 */
import type { JSONContent } from '@tiptap/core'
import { Fragment, type Mark, type NodeType, type Node as ProseMirrorNode } from '@tiptap/pm/model'
import * as Y from 'yjs'
import {
  attributeProblem,
  elementType,
  formatProblem,
  markTypeOfAttribute,
  metaValueProblem,
  NOTICE_DOC_LIMITS,
} from './notice-doc-rules'
import { noticeSchema } from './notice-extensions'
import { NOTICE_META_FIELDS, type NoticeMeta } from './notice-meta'
import { CONTENT_FIELD, META_MAP } from './ydoc'

/** The most problems one read reports; a note says how many more there were. */
const MAX_PROBLEMS = 20

/** A notice as read leniently: valid metadata fields and content, and what had to be dropped. */
export type LenientNotice = {
  meta: Partial<NoticeMeta>
  content: JSONContent
  /** What could not be read, one sentence each ("unknown element \"agendaitem\" dropped"); empty when nothing. */
  problems: string[]
}

type Problems = { list: string[]; more: number; add(problem: string): void }

function problemList(): Problems {
  const problems: Problems = {
    list: [],
    more: 0,
    add(problem) {
      if (problems.list.includes(problem)) return
      if (problems.list.length < MAX_PROBLEMS) problems.list.push(problem)
      else problems.more += 1
    },
  }
  return problems
}

/** The marks of a run of text, keeping those the schema knows there. */
function marksOf(
  attributes: Record<string, unknown> | undefined,
  parent: NodeType,
  problems: Problems,
): readonly Mark[] {
  let marks: readonly Mark[] = []
  for (const [attribute, value] of Object.entries(attributes ?? {})) {
    const problem = formatProblem(parent, attribute, value)
    const type = markTypeOfAttribute(attribute)
    if (problem || !type || value === null) {
      if (problem) problems.add(`${problem}: dropped`)
      continue
    }
    marks = type.create(value as Record<string, unknown>).addToSet(marks)
  }
  return marks
}

/** The text nodes of a Y.XmlText inside a `parent` node. */
function textNodes(text: Y.XmlText, parent: NodeType, problems: Problems): ProseMirrorNode[] {
  const nodes: ProseMirrorNode[] = []
  for (const delta of text.toDelta() as { insert: unknown; attributes?: Record<string, unknown> }[]) {
    if (typeof delta.insert !== 'string') {
      problems.add('an object embedded in text: dropped')
      continue
    }
    if (delta.insert === '') continue
    nodes.push(noticeSchema.text(delta.insert, marksOf(delta.attributes, parent, problems)))
  }
  return nodes
}

/** The attributes of `element` that `type` declares with a value of the right type. */
function attributesOf(element: Y.XmlElement, type: NodeType, problems: Problems): Record<string, unknown> {
  const attrs: Record<string, unknown> = {}
  for (const [key, value] of Object.entries(element.getAttributes() as Record<string, unknown>)) {
    const problem = attributeProblem(type.name, type.spec.attrs, key, value)
    if (problem) problems.add(`${problem}: dropped`)
    else attrs[key] = value
  }
  return attrs
}

/**
 * `children` made to fit `type`'s content expression: a child that does not fit is dropped unless
 * inserting required nodes before it makes it fit (an agenda item missing its title gets an empty
 * one), and required nodes are added at the end.
 */
function fitChildren(
  type: NodeType,
  children: readonly ProseMirrorNode[],
  problems: Problems,
): Fragment | null {
  const fitted: ProseMirrorNode[] = []
  let match = type.contentMatch
  for (const child of children) {
    let next = match.matchType(child.type)
    if (!next) {
      const fill = match.fillBefore(Fragment.from(child))
      if (fill) {
        fill.forEach((node) => {
          fitted.push(node)
          match = match.matchType(node.type) ?? match
        })
        next = match.matchType(child.type)
      }
    }
    if (!next) {
      problems.add(`${child.type.name} is not allowed in ${type.name}: dropped`)
      continue
    }
    fitted.push(child)
    match = next
  }
  if (!match.validEnd) {
    const fill = match.fillBefore(Fragment.empty, true)
    if (!fill) return null
    fill.forEach((node) => void fitted.push(node))
  }
  return Fragment.fromArray(fitted)
}

/** One element being read: its type, its Yjs children and the nodes made of those read so far. */
type Frame = {
  type: NodeType
  attrs: Record<string, unknown> | null
  items: (Y.XmlElement | Y.XmlText)[]
  next: number
  nodes: ProseMirrorNode[]
}

function frameOf(source: Y.XmlFragment, type: NodeType, attrs: Record<string, unknown> | null): Frame {
  const items = source
    .toArray()
    .filter((child) => child instanceof Y.XmlElement || child instanceof Y.XmlText)
  return { type, attrs, items: items as (Y.XmlElement | Y.XmlText)[], next: 0, nodes: [] }
}

/** The content fragment of a notice doc as a valid document of the notice schema. */
function readContent(fragment: Y.XmlFragment, problems: Problems): ProseMirrorNode {
  const stack: Frame[] = [frameOf(fragment, noticeSchema.topNodeType, null)]
  for (;;) {
    const frame = stack[stack.length - 1] as Frame
    const item = frame.items[frame.next]
    if (item) {
      frame.next += 1
      if (item instanceof Y.XmlText) {
        frame.nodes.push(...textNodes(item, frame.type, problems))
        continue
      }
      const type = elementType(item.nodeName)
      if (!type) problems.add(`unknown element ${JSON.stringify(item.nodeName)}: dropped`)
      else if (stack.length > NOTICE_DOC_LIMITS.maxDepth) {
        problems.add(`elements nested more than ${NOTICE_DOC_LIMITS.maxDepth} deep: dropped`)
      } else stack.push(frameOf(item, type, attributesOf(item, type, problems)))
      continue
    }
    stack.pop()
    const fragmentOfFrame = fitChildren(frame.type, frame.nodes, problems)
    const node = fragmentOfFrame ? frame.type.create(frame.attrs, fragmentOfFrame) : null
    const parent = stack[stack.length - 1]
    if (!parent) return node ?? noticeSchema.topNodeType.createAndFill() ?? noticeSchema.topNodeType.create()
    if (node) parent.nodes.push(node)
    else problems.add(`a ${frame.type.name} that could not be completed: dropped`)
  }
}

/** The metadata fields of the meta map that pass the metadata rules. */
function readMetaLeniently(map: Y.Map<unknown>, problems: Problems): Partial<NoticeMeta> {
  const meta: Record<string, string> = {}
  for (const [key, value] of map.entries()) {
    const problem = metaValueProblem(key, value)
    if (problem) problems.add(`${problem}: ignored`)
    else if (typeof value === 'string') meta[key] = value
  }
  // Keys in display order, as the strict reader gives them.
  const ordered: Record<string, string> = {}
  for (const field of NOTICE_META_FIELDS) if (field in meta) ordered[field] = meta[field] as string
  return ordered as Partial<NoticeMeta>
}

/**
 * Reads notice `ydoc` as well as it can be read: metadata fields that pass the metadata rules and
 * content that is a valid document of the notice schema (structure only), with every part that had
 * to be dropped named in `problems`. Never throws for what the document holds.
 */
export function readNoticeLeniently(ydoc: Y.Doc): LenientNotice {
  const problems = problemList()
  const meta = readMetaLeniently(ydoc.getMap<unknown>(META_MAP), problems)
  const doc = readContent(ydoc.getXmlFragment(CONTENT_FIELD), problems)
  const list = problems.more > 0 ? [...problems.list, `and ${problems.more} more problems`] : problems.list
  return { meta, content: doc.toJSON() as JSONContent, problems: list }
}
