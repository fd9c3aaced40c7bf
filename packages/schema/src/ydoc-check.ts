/**
 * The check of one change to a notice Y.Doc against the notice schema and the metadata rules, on
 * the document as the change leaves it. It looks only at what the transaction added and at the
 * types whose children it changed (`transaction.changed`), so its cost follows the change, not
 * the document; the server runs it on every update a peer sends (see the server's
 * sync/notice-guard.ts) and refuses one that has a problem.
 */
import type { NodeType } from '@tiptap/pm/model'
import * as Y from 'yjs'
import { decodeMoveRecord, MOVES_MAP, type YType } from './agenda-move-record'
import {
  attributeProblem,
  elementType,
  formatProblem,
  metaValueProblem,
  NOTICE_DOC_LIMITS,
} from './notice-doc-rules'
import { noticeSchema } from './notice-extensions'
import { CONTENT_FIELD, META_MAP } from './ydoc'

/** The most problems one check reports (the first is what matters; the rest are a hint). */
const MAX_PROBLEMS = 5

/**
 * Opens the roots of a notice doc with their Yjs types (`content` an XmlFragment, `meta` and
 * `agendaMoves` maps), so that an update read into it fills them as what they are. Call on a doc
 * before applying anything untrusted to it.
 */
export function openNoticeRoots(doc: Y.Doc): void {
  doc.getXmlFragment(CONTENT_FIELD)
  doc.getMap(META_MAP)
  doc.getMap(MOVES_MAP)
}

/** The root name of every root type of `doc`. */
function rootNames(doc: Y.Doc): Map<YType, string> {
  const names = new Map<YType, string>()
  for (const [name, type] of doc.share) names.set(type, name)
  return names
}

/** The node type of an XmlElement or of the content fragment, or undefined when the schema has none. */
function nodeTypeOf(type: Y.XmlFragment, content: Y.XmlFragment): NodeType | undefined {
  if (type === content) return noticeSchema.topNodeType
  return type instanceof Y.XmlElement ? elementType(type.nodeName) : undefined
}

/** How deep `element` sits: 1 for a child of the content fragment; stops counting past the limit. */
function depthOf(element: YType): number {
  let depth = 0
  let type: YType | null = element
  while (type?._item && depth <= NOTICE_DOC_LIMITS.maxDepth) {
    depth += 1
    type = type._item.parent as YType | null
  }
  return depth
}

const contentName = (content: object): string => content.constructor.name.replace(/^Content/, '')

/** Why the children of `type` (an element or the content fragment) do not fit its content expression. */
function childrenProblem(type: Y.XmlFragment, nodeType: NodeType): string | null {
  let match = nodeType.contentMatch
  for (const child of type.toArray()) {
    let childType: NodeType | undefined
    if (child instanceof Y.XmlText) {
      if (child.length === 0) continue
      childType = noticeSchema.nodes.text
    } else if (child instanceof Y.XmlElement) {
      childType = elementType(child.nodeName)
    }
    // An unknown child is reported where it is added (or was there before: then the lenient reader drops it).
    if (!childType) continue
    const next = match.matchType(childType)
    if (!next) {
      const expression = nodeType.spec.content ?? ''
      return `${childType.name} is not allowed in ${nodeType.name}${expression ? ` (it holds "${expression}")` : ''}`
    }
    match = next
  }
  return match.validEnd ? null : `${nodeType.name} is incomplete (it holds "${nodeType.spec.content ?? ''}")`
}

/**
 * The problems the change of `transaction` (on a notice doc whose roots were opened with
 * {@link openNoticeRoots}) leaves in the document, as sentences naming what is wrong, or an empty
 * list when it leaves none: elements, attributes and marks the schema does not know or that have the
 * wrong type, content that does not fit its parent, nesting deeper than
 * {@link NOTICE_DOC_LIMITS}.maxDepth, metadata fields that fail the metadata rules, move records that
 * do not decode, and anything written outside those roots. Call it from an `afterTransaction`
 * listener: the transaction's new structs are not merged yet.
 */
export function noticeChangeProblems(transaction: Y.Transaction): string[] {
  const doc = transaction.doc
  const roots = rootNames(doc)
  const content = doc.getXmlFragment(CONTENT_FIELD)
  const problems: string[] = []
  const report = (problem: string): void => {
    if (problems.length < MAX_PROBLEMS && !problems.includes(problem)) problems.push(problem)
  }
  // Elements (and the fragment) whose children must be checked against their content expression.
  const parents = new Set<Y.XmlFragment>()

  const checkItem = (item: Y.Item): void => {
    const parent = item.parent
    if (!(parent instanceof Y.AbstractType)) return
    const key = item.parentSub
    const root = parent._item === null ? roots.get(parent) : undefined
    if (parent._item === null && root !== CONTENT_FIELD && root !== META_MAP && root !== MOVES_MAP) {
      report(`unknown part ${JSON.stringify(root ?? '?')} of the notice`)
      return
    }
    if (parent instanceof Y.XmlText) {
      const owner = parent._item?.parent
      const ownerType = owner instanceof Y.XmlFragment ? nodeTypeOf(owner, content) : undefined
      if (key !== null) report('text cannot have attributes')
      else if (item.content instanceof Y.ContentFormat) {
        const problem = formatProblem(ownerType, item.content.key, item.content.value)
        if (problem) report(problem)
      } else if (!(item.content instanceof Y.ContentString)) {
        report(`text cannot hold ${contentName(item.content)} content`)
      }
      return
    }
    if (parent instanceof Y.XmlFragment) {
      const parentType = nodeTypeOf(parent, content)
      const where =
        parent === content ? 'the document' : `element ${JSON.stringify((parent as Y.XmlElement).nodeName)}`
      if (key !== null) {
        if (parent === content || !(parent instanceof Y.XmlElement)) {
          report(`${where} cannot have attributes`)
          return
        }
        if (!parentType) {
          report(`unknown element ${JSON.stringify(parent.nodeName)}`)
          return
        }
        const value = item.content instanceof Y.ContentAny ? item.content.arr : null
        if (value?.length !== 1) {
          report(
            `attribute ${JSON.stringify(key)} of ${parentType.name} cannot hold ${contentName(item.content)} content`,
          )
          return
        }
        const problem = attributeProblem(parentType.name, parentType.spec.attrs, key, value[0])
        if (problem) report(problem)
        return
      }
      const child = item.content instanceof Y.ContentType ? item.content.type : null
      if (child instanceof Y.XmlElement) {
        if (!elementType(child.nodeName)) report(`unknown element ${JSON.stringify(child.nodeName)}`)
        else if (depthOf(child) > NOTICE_DOC_LIMITS.maxDepth) {
          report(`elements nested more than ${NOTICE_DOC_LIMITS.maxDepth} deep`)
        } else parents.add(child)
      } else if (!(child instanceof Y.XmlText)) {
        report(
          `${where} cannot hold ${child ? 'a shared type other than elements and text' : `${contentName(item.content)} content`}`,
        )
      }
      if (parentType) parents.add(parent)
      return
    }
    if (root === META_MAP) {
      if (key === null) {
        report('the metadata holds only named fields')
        return
      }
      const value = item.content instanceof Y.ContentAny ? item.content.arr : null
      const problem =
        value && value.length === 1
          ? metaValueProblem(key, value[0])
          : `metadata field ${JSON.stringify(key)} must be a string`
      if (problem) report(problem)
      return
    }
    if (root === MOVES_MAP) {
      const value = item.content instanceof Y.ContentBinary ? item.content.content : null
      try {
        if (key === null) throw new Error('a move record needs a key')
        decodeMoveRecord(key, value)
      } catch {
        report(`the move record ${JSON.stringify(key)} does not decode`)
      }
      return
    }
    report('the notice holds no nested maps, arrays or free text')
  }

  transaction.afterState.forEach((after, client) => {
    const before = transaction.beforeState.get(client) ?? 0
    const structs = doc.store.clients.get(client)
    if (after <= before || !structs) return
    for (let index = Y.findIndexSS(structs, before); index < structs.length; index++) {
      const struct = structs[index]
      if (struct instanceof Y.Item && !struct.deleted) checkItem(struct)
    }
  })
  // Deletions (and insertions into types that existed before) change their parents' children.
  for (const [type, keys] of transaction.changed) {
    if (keys.has(null) && type instanceof Y.XmlFragment && !type._item?.deleted) parents.add(type)
  }
  for (const parent of parents) {
    if (parent._item?.deleted) continue
    const nodeType = nodeTypeOf(parent, content)
    const problem = nodeType && childrenProblem(parent, nodeType)
    if (problem) report(problem)
  }
  return problems
}
