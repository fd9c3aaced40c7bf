/**
 * The extension list of a read-only revision: the schema's `noticeExtensions()` with the live
 * editor's numbering plugin (so "3.1" reads the same), no collaboration, and, when comparing, the
 * decorations of the comparison. Links open in a new tab, so reading never leaves the notice.
 */
import { NODE_NAMES, type NoticeLanguage, noticeExtensions } from '@convene/schema'
import { type AnyExtension, Extension, type Node } from '@tiptap/core'
import type { Node as ProseMirrorNode } from '@tiptap/pm/model'
import { Plugin, PluginKey } from '@tiptap/pm/state'
import type { DecorationSet } from '@tiptap/pm/view'
import { agendaNumberingPlugin } from '../editor/agenda-numbering'

/** Key of the plugin that draws a comparison. */
export const revisionDiffKey = new PluginKey<DecorationSet>('revisionDiff')

/** Draws the decorations `decorate` computes for the document, once, when the editor is built. */
function diffExtension(decorate: (doc: ProseMirrorNode) => DecorationSet): Extension {
  return Extension.create({
    name: 'revisionDiff',
    addProseMirrorPlugins() {
      return [
        new Plugin<DecorationSet>({
          key: revisionDiffKey,
          state: {
            init: (_config, state) => decorate(state.doc),
            apply: (tr, previous) => previous.map(tr.mapping, tr.doc),
          },
          props: { decorations: (state) => revisionDiffKey.getState(state) },
        }),
      ]
    },
  })
}

/** Opens links of a read-only page in a new tab instead of navigating away from the notice. */
const linksInNewTab = Extension.create({
  name: 'revisionLinks',
  addProseMirrorPlugins() {
    return [
      new Plugin({
        props: {
          handleDOMEvents: {
            click: (_view, event) => {
              const link = event.target instanceof Element ? event.target.closest('a[href]') : null
              if (!(link instanceof HTMLAnchorElement)) return false
              event.preventDefault()
              window.open(link.href, '_blank', 'noopener,noreferrer')
              return true
            },
          },
        },
      }),
    ]
  },
})

// biome-ignore lint/suspicious/noExplicitAny: node options differ per node.
type AnyNode = Node<any, any>

/** The extensions of a read-only revision in `language`, with a comparison drawn by `decorate`. */
export function revisionExtensions(
  language: NoticeLanguage,
  decorate?: (doc: ProseMirrorNode) => DecorationSet,
): AnyExtension[] {
  const base = noticeExtensions({ language }).map((extension) => {
    if (extension.name !== NODE_NAMES.agendaItem || extension.type !== 'node') return extension
    return (extension as AnyNode).extend({
      addProseMirrorPlugins() {
        return [...(this.parent?.() ?? []), agendaNumberingPlugin()]
      },
    })
  })
  return [...base, linksInNewTab, ...(decorate ? [diffExtension(decorate)] : [])]
}
