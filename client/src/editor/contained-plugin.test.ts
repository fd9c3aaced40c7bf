import { Schema } from '@tiptap/pm/model'
import { EditorState, Plugin, PluginKey } from '@tiptap/pm/state'
import { Decoration, DecorationSet } from '@tiptap/pm/view'
import { afterEach, describe, expect, it, vi } from 'vitest'
import * as Y from 'yjs'
import { drawsCaret } from './contained-carets'
import { containPlugin } from './contained-plugin'

const schema = new Schema({ nodes: { doc: { content: 'text*' }, text: {} } })
const key = new PluginKey<DecorationSet>('flaky')

/** A decoration plugin that throws in `apply` while `failing()` says so. */
function flakyPlugin(failing: () => boolean): Plugin<DecorationSet> {
  return new Plugin<DecorationSet>({
    key,
    state: {
      init: (_config, state) => DecorationSet.create(state.doc, [Decoration.inline(0, 1, { class: 'x' })]),
      apply(tr, previous) {
        if (failing()) throw new Error('Unexpected case')
        return previous.map(tr.mapping, tr.doc)
      },
    },
    props: { decorations: (state) => key.getState(state) },
  })
}

afterEach(() => {
  vi.restoreAllMocks()
})

describe('containPlugin', () => {
  it('keeps transactions applying when the plugin throws, without its decorations, reporting once', () => {
    const errors = vi.spyOn(console, 'error').mockImplementation(() => {})
    let failing = false
    const plugin = containPlugin(
      flakyPlugin(() => failing),
      { name: 'test', fallback: () => DecorationSet.empty },
    )
    let state = EditorState.create({
      schema,
      doc: schema.node('doc', null, [schema.text('Ordre')]),
      plugins: [plugin],
    })
    expect(key.getState(state)?.find()).toHaveLength(1)
    failing = true
    state = state.apply(state.tr.insertText(' du', 5))
    state = state.apply(state.tr.insertText(' jour', 8))
    expect(state.doc.textContent).toBe('Ordre du jour')
    expect(key.getState(state)).toBe(DecorationSet.empty)
    expect(errors).toHaveBeenCalledTimes(1)
    expect(String(errors.mock.calls[0]?.[0])).toContain('the test plugin failed in apply')
  })

  it('leaves a plugin that does not throw as it was', () => {
    const plugin = containPlugin(
      flakyPlugin(() => false),
      { name: 'test', fallback: () => DecorationSet.empty },
    )
    let state = EditorState.create({
      schema,
      doc: schema.node('doc', null, [schema.text('Ordre')]),
      plugins: [plugin],
    })
    state = state.apply(state.tr.insertText('x', 0))
    expect(
      key
        .getState(state)
        ?.find()
        .map((decoration) => [decoration.from, decoration.to]),
    ).toEqual([[1, 2]])
  })
})

describe('drawsCaret', () => {
  const words = new Y.Doc().getXmlFragment('content')
  const end = Y.relativePositionToJSON(Y.createRelativePositionFromTypeIndex(words, 0))

  it('draws a caret of two positions in the content, as y-tiptap sends it, but never one’s own', () => {
    const sent = JSON.parse(JSON.stringify({ cursor: { anchor: end, head: end } }))
    expect(drawsCaret(1, 2, sent)).toBe(true)
    expect(drawsCaret(2, 2, sent)).toBe(false)
  })

  it('treats a caret Yjs cannot resolve, or one naming another root, as no caret', () => {
    for (const cursor of [
      { anchor: {}, head: {} },
      { anchor: end, head: {} },
      { anchor: { tname: 'meta' }, head: { tname: 'meta' } },
      'x',
      null,
    ]) {
      expect(drawsCaret(1, 2, { cursor })).toBe(false)
    }
    expect(drawsCaret(1, 2, null)).toBe(false)
  })
})
