/**
 * Keeps read-only text read-only. `setEditable(false)` stops typing, but keyboard shortcuts and
 * commands still run on a focused view; this guard refuses every local transaction that would
 * change the document while the text is read-only, so nothing is ever sent that the server would
 * refuse. Changes from other people (applied by the y-sync binding) pass.
 */
import { Extension } from '@tiptap/core'
import { Plugin, PluginKey } from '@tiptap/pm/state'
import { ySyncPluginKey } from '@tiptap/y-tiptap'

/** Options of the guard. */
export type ReadOnlyGuardOptions = {
  /** Read at each transaction, so the guard follows role changes without rebuilding the editor. */
  isReadOnly: () => boolean
}

/** The read-only guard extension. */
export const ReadOnlyGuard = Extension.create<ReadOnlyGuardOptions>({
  name: 'readOnlyGuard',
  addOptions() {
    return { isReadOnly: () => false }
  },
  addProseMirrorPlugins() {
    const { isReadOnly } = this.options
    return [
      new Plugin({
        key: new PluginKey('readOnlyGuard'),
        filterTransaction: (tr) =>
          !tr.docChanged || !isReadOnly() || tr.getMeta(ySyncPluginKey) !== undefined,
      }),
    ]
  },
})
