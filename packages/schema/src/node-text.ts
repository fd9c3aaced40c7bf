/**
 * Plain text of a document node with its inline atoms spelled out (a speaker as its running text, a
 * symbol as its symbol), for titles in the outline, search and text exports.
 */
import { getText, getTextSerializersFromSchema } from '@tiptap/core'
import type { Node as ProseMirrorNode } from '@tiptap/pm/model'

/** The text of `node`, atoms rendered by their `renderText`, blocks separated by `blockSeparator`. */
export function nodeText(node: ProseMirrorNode, blockSeparator = '\n\n'): string {
  return getText(node, { blockSeparator, textSerializers: getTextSerializersFromSchema(node.type.schema) })
}
