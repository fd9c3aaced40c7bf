/** The evidence behind the move mechanism: a delete + insert loses concurrent typing, a recorded move keeps it on every peer. */
import { describe, expect, it } from 'vitest'
import * as Y from 'yjs'
import { AgendaMoveError, moveAgendaElement } from './agenda-move'
import { MOVES_MAP } from './agenda-move-record'
import { observeMoveReplays } from './agenda-move-replay'
import { findAgendaElement, moveAgendaItem } from './agenda-tree-moves'
import { newNoticeYDoc } from './move-ledger'

function item(id: string, body: string): Y.XmlElement {
  const el = new Y.XmlElement('agendaItem')
  el.setAttribute('id', id)
  const title = new Y.XmlElement('agendaTitle')
  title.insert(0, [new Y.XmlText(id.toUpperCase())])
  const paragraph = new Y.XmlElement('paragraph')
  paragraph.insert(0, [new Y.XmlText(body)])
  el.insert(0, [title, paragraph])
  return el
}

function sync(a: Y.Doc, b: Y.Doc): void {
  for (let i = 0; i < 3; i++) {
    Y.applyUpdate(b, Y.encodeStateAsUpdate(a, Y.encodeStateVector(b)))
    Y.applyUpdate(a, Y.encodeStateAsUpdate(b, Y.encodeStateVector(a)))
  }
}

function pair(replay: boolean): [Y.Doc, Y.Doc] {
  const a = newNoticeYDoc()
  const b = newNoticeYDoc()
  if (replay) {
    observeMoveReplays(a, 'replay')
    observeMoveReplays(b, 'replay')
  }
  a.getXmlFragment('content').insert(0, [item('x', 'hello world'), item('y', 'second')])
  sync(a, b)
  return [a, b]
}

function bodyOfX(doc: Y.Doc): Y.XmlText {
  const x = findAgendaElement(doc.getXmlFragment('content'), 'x') as Y.XmlElement
  return (x.get(1) as Y.XmlElement).get(0) as Y.XmlText
}

describe('agenda moves', () => {
  it('loses text typed concurrently when a move is a plain delete and re-insert (why records exist)', () => {
    const [a, b] = pair(false)
    const fragment = a.getXmlFragment('content')
    a.transact(() => {
      const x = fragment.get(0) as Y.XmlElement
      fragment.insert(2, [x.clone()])
      fragment.delete(0, 1)
    })
    bodyOfX(b).insert(5, ' big')
    sync(a, b)
    expect(bodyOfX(a).toString()).toBe('hello world')
    expect(bodyOfX(b).toString()).toBe('hello world')
  })

  it('keeps text and formatting typed in item x while another peer moves x down, on both peers', () => {
    const [a, b] = pair(true)
    expect(moveAgendaItem(a.getXmlFragment('content'), 'x', 'down', 'local')).toBe(true)
    bodyOfX(b).insert(5, ' big')
    bodyOfX(b).format(0, 5, { bold: {} })
    sync(a, b)
    for (const doc of [a, b]) {
      expect(doc.getXmlFragment('content').toString()).toBe(
        '<agendaitem id="y"><agendatitle>Y</agendatitle><paragraph>second</paragraph></agendaitem>' +
          '<agendaitem id="x"><agendatitle>X</agendatitle><paragraph><bold>hello</bold> big world</paragraph></agendaitem>',
      )
    }
    expect(a.getMap(MOVES_MAP).size).toBe(1)
  })

  it('re-applies a deletion made in the moved item by a peer that had not seen the move', () => {
    const [a, b] = pair(true)
    expect(moveAgendaItem(a.getXmlFragment('content'), 'x', 'down', 'local')).toBe(true)
    expect(moveAgendaItem(a.getXmlFragment('content'), 'x', 'indent', 'local')).toBe(true)
    bodyOfX(b).delete(0, 6)
    sync(a, b)
    expect(bodyOfX(a).toString()).toBe('world')
    expect(a.getXmlFragment('content').toString()).toBe(b.getXmlFragment('content').toString())
  })

  it('refuses to move an item inside its own sub-item', () => {
    const doc = newNoticeYDoc()
    const fragment = doc.getXmlFragment('content')
    fragment.insert(0, [item('x', 'text')])
    const x = fragment.get(0) as Y.XmlElement
    const sub = item('x1', 'inner')
    x.insert(2, [sub])
    expect(() => moveAgendaElement(x, sub, 0)).toThrow(AgendaMoveError)
    expect(() => moveAgendaElement(x, x, 0)).toThrow('cannot move inside itself')
  })
})
