/**
 * Other people's carets, drawn so that no peer's presence can stop this editor: Tiptap's
 * CollaborationCaret with y-tiptap's caret plugin given a filter that draws only a `cursor` whose
 * two ends are relative positions of the notice's content (anything else, `{ anchor: {}, head: {} }`
 * among them, which Yjs cannot resolve, is treated as no caret), and the plugin contained
 * (contained-plugin.ts): should drawing still throw, the carets go, the editing stays.
 */
import { CONTENT_FIELD, parseRelativePosition, RelativePositionError } from '@convene/schema'
import CollaborationCaret from '@tiptap/extension-collaboration-caret'
import type { Plugin } from '@tiptap/pm/state'
import { DecorationSet } from '@tiptap/pm/view'
import { yCursorPlugin, yCursorPluginKey } from '@tiptap/y-tiptap'
import { containPlugin } from './contained-plugin'

/** Whether `value` is a relative position this editor can resolve (or safely find unresolvable). */
function isContentPosition(value: unknown): boolean {
  try {
    const position = parseRelativePosition(value)
    // Without an item, Yjs resolves the type by name, creating a root it does not know.
    return position.item !== undefined || position.type !== undefined || position.tname === CONTENT_FIELD
  } catch (error) {
    if (error instanceof RelativePositionError) return false
    throw error
  }
}

/**
 * Whether the caret plugin draws the presence `state` of client `clientId` (never this editor's
 * own, `ownClientId`): only a `cursor` of two positions in the content.
 */
export function drawsCaret(ownClientId: number, clientId: number, state: unknown): boolean {
  if (ownClientId === clientId || typeof state !== 'object' || state === null) return false
  const cursor = (state as { cursor?: unknown }).cursor
  if (typeof cursor !== 'object' || cursor === null) return false
  const { anchor, head } = cursor as { anchor?: unknown; head?: unknown }
  return isContentPosition(anchor) && isContentPosition(head)
}

/** CollaborationCaret whose caret plugin filters and is contained (see the module comment). */
export const ContainedCollaborationCaret = CollaborationCaret.extend({
  addProseMirrorPlugins() {
    const plugins: Plugin[] = this.parent?.() ?? []
    return plugins.map((plugin) => {
      if (plugin.spec.key !== yCursorPluginKey) return plugin
      const carets = yCursorPlugin(this.options.provider.awareness, {
        awarenessStateFilter: drawsCaret,
        cursorBuilder: (user: Record<string, unknown>) => this.options.render(user),
        selectionBuilder: (user: Record<string, unknown>) => this.options.selectionRender(user),
      }) as Plugin<DecorationSet>
      return containPlugin(carets, { name: 'remote caret', fallback: () => DecorationSet.empty })
    })
  },
})
