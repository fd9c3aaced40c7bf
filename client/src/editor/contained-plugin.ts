/**
 * Keeps a decoration plugin's failure from taking the editor down. A plugin whose state `init` or
 * `apply`, or whose `decorations` prop, throws would otherwise abort every transaction (no text
 * shown, nothing typed reaches the server); contained, it loses its decorations until its next
 * successful update, the error is reported to the console once per plugin, and editing goes on.
 * Used for what draws other people's data: carets from presence, comment highlights from anchors.
 */
import { Plugin, type PluginSpec } from '@tiptap/pm/state'
import { DecorationSet } from '@tiptap/pm/view'

/** Options of {@link containPlugin}. */
export type ContainOptions<S> = {
  /** What the console report names. */
  name: string
  /** The state to go on with when `init` or `apply` threw (`previous` is undefined in `init`). */
  fallback: (previous: S | undefined) => S
}

/** A copy of `plugin` (same key, same view and props) whose state and decorations cannot throw. */
export function containPlugin<S>(plugin: Plugin<S>, options: ContainOptions<S>): Plugin<S> {
  let reported = false
  const report = (where: string, error: unknown): void => {
    if (reported) return
    reported = true
    console.error(
      `[convene] the ${options.name} plugin failed in ${where}; shown without it meanwhile`,
      error,
    )
  }
  const spec = plugin.spec as PluginSpec<S>
  const state = spec.state
  const decorations = spec.props?.decorations
  return new Plugin<S>({
    ...spec,
    ...(state && {
      state: {
        ...state,
        init(config, editorState) {
          try {
            return state.init.call(this, config, editorState)
          } catch (error) {
            report('init', error)
            return options.fallback(undefined)
          }
        },
        apply(tr, previous, oldState, newState) {
          try {
            return state.apply.call(this, tr, previous, oldState, newState)
          } catch (error) {
            report('apply', error)
            return options.fallback(previous)
          }
        },
      },
    }),
    props: {
      ...spec.props,
      ...(decorations && {
        decorations(editorState) {
          try {
            return decorations.call(this, editorState)
          } catch (error) {
            report('decorations', error)
            return DecorationSet.empty
          }
        },
      }),
    },
  })
}
