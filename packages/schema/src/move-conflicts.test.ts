/** Two peers moving the same item, or an item and the item around it, at the same moment: one copy stays, with what both typed. */
import { describe, expect, it } from 'vitest'
import * as Y from 'yjs'
import { observeMoveReplays } from './agenda-move-replay'
import { type AgendaMove, findAgendaElement, moveAgendaItem } from './agenda-tree-moves'
import { newNoticeYDoc } from './move-ledger'

function item(id: string, body: string, subItems: Y.XmlElement[] = []): Y.XmlElement {
  const element = new Y.XmlElement('agendaItem')
  element.setAttribute('id', id)
  const title = new Y.XmlElement('agendaTitle')
  title.insert(0, [new Y.XmlText(id.toUpperCase())])
  const paragraph = new Y.XmlElement('paragraph')
  paragraph.insert(0, [new Y.XmlText(body)])
  element.insert(0, [title, paragraph, ...subItems])
  return element
}

function sync(a: Y.Doc, b: Y.Doc): void {
  for (let i = 0; i < 4; i++) {
    Y.applyUpdate(b, Y.encodeStateAsUpdate(a, Y.encodeStateVector(b)))
    Y.applyUpdate(a, Y.encodeStateAsUpdate(b, Y.encodeStateVector(a)))
  }
}

function body(doc: Y.Doc, id: string): Y.XmlText {
  const element = findAgendaElement(doc.getXmlFragment('content'), id) as Y.XmlElement
  return (element.get(1) as Y.XmlElement).get(0) as Y.XmlText
}

/** How many live agenda items carry id `id`. */
function copies(doc: Y.Doc, id: string): number {
  return doc.getXmlFragment('content').toString().split(`<agendaitem id="${id}">`).length - 1
}

type Moves = { a: [string, AgendaMove]; b: [string, AgendaMove]; typedIn: string }

function concurrently(content: () => Y.XmlElement[], moves: Moves): [Y.Doc, Y.Doc] {
  const a = newNoticeYDoc()
  const b = newNoticeYDoc()
  observeMoveReplays(a, 'replay')
  observeMoveReplays(b, 'replay')
  a.getXmlFragment('content').insert(0, content())
  sync(a, b)
  expect(moveAgendaItem(a.getXmlFragment('content'), ...moves.a, 'local')).toBe(true)
  expect(moveAgendaItem(b.getXmlFragment('content'), ...moves.b, 'local')).toBe(true)
  body(a, moves.typedIn).insert(0, '[typed by A]')
  body(b, moves.typedIn).insert(0, '[typed by B]')
  sync(a, b)
  return [a, b]
}

describe('concurrent moves of one agenda item', () => {
  it('keeps one copy of an item two peers moved at once, with what each typed in its own copy', () => {
    const [a, b] = concurrently(() => [item('y', 'first'), item('x', 'hello'), item('z', 'third')], {
      a: ['x', 'down'],
      b: ['x', 'indent'],
      typedIn: 'x',
    })
    expect(b.getXmlFragment('content').toString()).toBe(a.getXmlFragment('content').toString())
    expect(copies(a, 'x')).toBe(1)
    expect(body(a, 'x').toString()).toContain('[typed by A]')
    expect(body(a, 'x').toString()).toContain('[typed by B]')
    expect(body(a, 'x').toString()).toContain('hello')
  })

  it('keeps one copy of a sub-item moved out while another peer moves its parent, with what both typed in it', () => {
    const [a, b] = concurrently(
      () => [
        item('x', 'hello', [item('x1', 'first child'), item('x2', 'second child')]),
        item('y', 'second'),
      ],
      { a: ['x', 'down'], b: ['x2', 'outdent'], typedIn: 'x2' },
    )
    expect(b.getXmlFragment('content').toString()).toBe(a.getXmlFragment('content').toString())
    expect(copies(a, 'x2')).toBe(1)
    expect(copies(a, 'x')).toBe(1)
    expect(body(a, 'x2').toString()).toContain('[typed by A]')
    expect(body(a, 'x2').toString()).toContain('[typed by B]')
    expect(body(a, 'x1').toString()).toBe('first child')
  })

  it('ends the same whichever of the two moves the server hears first', () => {
    const orders = [false, true].map((bFirst) => {
      const server = newNoticeYDoc()
      observeMoveReplays(server, 'server')
      const [a, b] = [newNoticeYDoc(), newNoticeYDoc()]
      // The same client ids in both runs, so that both resolve the same conflict.
      server.clientID = 1
      a.clientID = 2
      b.clientID = 3
      observeMoveReplays(a, 'replay')
      observeMoveReplays(b, 'replay')
      server
        .getXmlFragment('content')
        .insert(0, [item('x', 'hello', [item('x1', 'kid')]), item('y', 'second')])
      for (const peer of [a, b]) Y.applyUpdate(peer, Y.encodeStateAsUpdate(server))
      moveAgendaItem(a.getXmlFragment('content'), 'x', 'down', 'local')
      moveAgendaItem(b.getXmlFragment('content'), 'x1', 'outdent', 'local')
      body(a, 'x1').insert(0, 'A:')
      body(b, 'x1').insert(0, 'B:')
      for (const peer of bFirst ? [b, a, b, a] : [a, b, a, b]) sync(peer, server)
      expect(a.getXmlFragment('content').toString()).toBe(server.getXmlFragment('content').toString())
      expect(b.getXmlFragment('content').toString()).toBe(server.getXmlFragment('content').toString())
      expect(copies(server, 'x1')).toBe(1)
      return server.getXmlFragment('content').toString()
    })
    expect(orders[1]).toBe(orders[0])
    expect(orders[0]).toContain('A:')
    expect(orders[0]).toContain('B:')
  })

  it('keeps a sub-item moved inside the losing copy of its parent, once, in the winning copy', () => {
    const a = newNoticeYDoc()
    const b = newNoticeYDoc()
    // B's record key sorts first, so A's copy of x loses.
    a.clientID = 3
    b.clientID = 2
    observeMoveReplays(a, 'replay')
    observeMoveReplays(b, 'replay')
    a.getXmlFragment('content').insert(0, [
      item('x', 'hello', [item('x1', 'one'), item('x2', 'two')]),
      item('y', 'y'),
    ])
    sync(a, b)
    expect(moveAgendaItem(a.getXmlFragment('content'), 'x', 'down', 'local')).toBe(true)
    expect(moveAgendaItem(b.getXmlFragment('content'), 'x', 'down', 'local')).toBe(true)
    expect(moveAgendaItem(a.getXmlFragment('content'), 'x2', 'up', 'local')).toBe(true)
    body(a, 'x2').insert(0, '[typed by A]')
    sync(a, b)
    expect(b.getXmlFragment('content').toString()).toBe(a.getXmlFragment('content').toString())
    expect(copies(a, 'x')).toBe(1)
    expect(copies(a, 'x2')).toBe(1)
    expect(copies(a, 'x1')).toBe(1)
    expect(body(a, 'x2').toString()).toBe('[typed by A]two')
  })
})
