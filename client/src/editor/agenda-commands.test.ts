/** Unit tests of the agenda commands on the sample notice: structure, numbering, ids and cursor after each command. */
import { agendaOutline, docFromJSON, noticeSchema, sampleNotice } from '@convene/schema'
import type { Node as ProseMirrorNode } from '@tiptap/pm/model'
import { EditorState, TextSelection } from '@tiptap/pm/state'
import { describe, expect, it } from 'vitest'
import {
  type AgendaCommand,
  addItemAfter,
  addSubItem,
  indentItem,
  moveItemDown,
  moveItemUp,
  outdentItem,
  removeEmptyItem,
} from './agenda-commands'
import { agendaIdsPlugin } from './agenda-ids'

function sampleState(): EditorState {
  return EditorState.create({ doc: docFromJSON(sampleNotice.content), plugins: [agendaIdsPlugin()] })
}

/** A state with the cursor at the end of the title of the item numbered `number`. */
function inTitle(state: EditorState, number: string): EditorState {
  const entry = agendaOutline(state.doc).find((e) => e.number === number)
  if (!entry) throw new Error(`no item ${number}`)
  const item = state.doc.nodeAt(entry.pos) as ProseMirrorNode
  const pos = entry.pos + 2 + (item.firstChild?.content.size ?? 0)
  return state.apply(state.tr.setSelection(TextSelection.create(state.doc, pos)))
}

function run(state: EditorState, command: AgendaCommand): EditorState {
  const tr = state.tr
  expect(command(tr, true)).toBe(true)
  return state.applyTransaction(tr).state
}

function outline(state: EditorState): string[] {
  return agendaOutline(state.doc).map((e) => `${e.number} ${e.id}`)
}

function currentNumber(state: EditorState): string | undefined {
  const { $from } = state.selection
  for (let d = $from.depth; d > 0; d--) {
    const node = $from.node(d)
    if (node.type.name === 'agendaItem')
      return agendaOutline(state.doc).find((e) => e.pos === $from.before(d))?.number
  }
  return undefined
}

describe('agenda commands', () => {
  it('adds a sub-item at the end of item 3, numbered 3.3, with a fresh id and the cursor in its title', () => {
    const state = run(inTitle(sampleState(), '3'), addSubItem)
    const entries = agendaOutline(state.doc)
    const added = entries.find((e) => e.number === '3.3')
    expect(added?.id).toMatch(/^item-[0-9a-f-]{36}$/)
    expect(entries.map((e) => e.number)).toContain('4')
    expect(state.selection.$from.parent.type.name).toBe('agendaTitle')
    expect(currentNumber(state)).toBe('3.3')
  })

  it('adds an item after the current one at the same level, renumbering the ones after it', () => {
    const before = sampleState()
    const state = run(inTitle(before, '4.1'), addItemAfter)
    const ids = (s: EditorState) => Object.fromEntries(agendaOutline(s.doc).map((e) => [e.id, e.number]))
    expect(ids(state)['msme-accession']).toBe('1')
    expect(currentNumber(state)).toBe('4.2')
    // The old 4.2 and 4.3 keep their ids and become 4.3 and 4.4.
    const oldFourTwo = agendaOutline(before.doc).find((e) => e.number === '4.2')?.id as string
    expect(ids(state)[oldFourTwo]).toBe('4.3')
  })

  it('adds the first item of the agenda when the cursor is in the preamble', () => {
    const base = sampleState()
    const state = run(base.apply(base.tr.setSelection(TextSelection.create(base.doc, 2))), addItemAfter)
    expect(currentNumber(state)).toBe('1')
    expect(agendaOutline(state.doc).find((e) => e.id === 'msme-accession')?.number).toBe('2')
  })

  it('indents 3.2 under 3.1 (it becomes 3.1.1) and outdents it back, keeping every id', () => {
    const start = inTitle(sampleState(), '3.2')
    const indented = run(start, indentItem)
    expect(currentNumber(indented)).toBe('3.1.1')
    const back = run(indented, outdentItem)
    expect(currentNumber(back)).toBe('3.2')
    expect(outline(back)).toEqual(outline(start))
  })

  it('refuses to indent the first item of a level', () => {
    const state = inTitle(sampleState(), '3.1')
    expect(indentItem(state.tr, false)).toBe(false)
  })

  it('outdents 4.1 to 5, taking 4.2 and 4.3 along as its sub-items so the reading order is unchanged', () => {
    const start = inTitle(sampleState(), '4.1')
    const state = run(start, outdentItem)
    expect(currentNumber(state)).toBe('5')
    const titles = (s: EditorState) => agendaOutline(s.doc).map((e) => e.title)
    expect(titles(state)).toEqual(titles(start))
    expect(agendaOutline(state.doc).map((e) => e.number)).toEqual([
      '1',
      '2',
      '3',
      '3.1',
      '3.2',
      '4',
      '5',
      '5.1',
      '5.2',
      '6',
      '7',
      '7.1',
      '7.2',
    ])
  })

  it('moves item 2 up and down; numbers follow the position, ids follow the item', () => {
    const start = inTitle(sampleState(), '2')
    const up = run(start, moveItemUp)
    expect(currentNumber(up)).toBe('1')
    expect(agendaOutline(up.doc)[0]?.id).toBe('msme-package-2020')
    expect(agendaOutline(up.doc).find((e) => e.id === 'msme-accession')?.number).toBe('2')
    const down = run(up, moveItemDown)
    expect(outline(down)).toEqual(outline(start))
    expect(moveItemUp(inTitle(sampleState(), '1').tr, false)).toBe(false)
    expect(moveItemDown(inTitle(sampleState(), '6').tr, false)).toBe(false)
  })

  it('moves a sub-item with its text and keeps the cursor where it was in the title', () => {
    const start = inTitle(sampleState(), '4.3')
    const offsetInTitle = start.selection.$from.parentOffset
    const state = run(start, moveItemUp)
    expect(currentNumber(state)).toBe('4.2')
    expect(state.selection.$from.parentOffset).toBe(offsetInTitle)
    expect(state.selection.$from.parent.textContent).toBe('Gros plan sur une MPME')
  })

  it('removes an empty new item on Backspace at the start of its title, and nothing else', () => {
    const added = run(inTitle(sampleState(), '3'), addSubItem)
    const removed = run(added, removeEmptyItem)
    expect(outline(removed)).toEqual(outline(sampleState()))
    expect(removeEmptyItem(inTitle(sampleState(), '6.2').tr, false)).toBe(false)
  })

  it('gives a pasted copy of an item a fresh id and leaves the original its own', () => {
    const state = sampleState()
    const entry = agendaOutline(state.doc).find((e) => e.id === 'other-matters')
    if (!entry) throw new Error('sample has no other-matters item')
    const copy = state.doc.nodeAt(entry.pos) as ProseMirrorNode
    // Paste the copy before the original (as 6.2, pushing the original to 6.3).
    const next = state.applyTransaction(state.tr.insert(entry.pos, copy)).state
    const entries = agendaOutline(next.doc)
    expect(entries.find((e) => e.number === '6.3')?.id).toBe('other-matters')
    const copyId = entries.find((e) => e.number === '6.2')?.id
    expect(copyId).not.toBe('other-matters')
    expect(copyId).toMatch(/^item-/)
  })

  it('builds every result against the schema (no invalid document)', () => {
    let state = inTitle(sampleState(), '6.1')
    for (const command of [indentItem, outdentItem, outdentItem, moveItemUp, addSubItem, indentItem]) {
      const tr = state.tr
      if (command(tr, true)) state = state.applyTransaction(tr).state
      state.doc.check()
      expect(state.doc.type.schema).toBe(noticeSchema)
    }
  })
})
