/**
 * A typing client: a real Y.Doc that appends edit markers to its own paragraph of the notice's
 * `content` fragment and sends each transaction's update as a y-protocols update message.
 *
 * Writers never apply what others type. They start from a shared seed (paragraphs made by a fixed
 * client id, see {@link seedUpdate}) and only append after their own text, so each update they send
 * is valid on the server whatever the others did. Every writer sends the seed before its first edit,
 * so the server always knows the paragraph an edit refers to (applying the seed twice changes nothing).
 *
 * Every {@link PARAGRAPH_EDITS} edits a writer starts a new paragraph after its current one, as a
 * typist presses Enter. Without that, one paragraph grows for the whole run, and since Yjs merges a
 * client's consecutive inserts into one string item and encodes each update by slicing that item,
 * every edit would cost the writer, and the server re-encoding it for broadcast, time proportional to
 * the paragraph (measured: 60 µs per edit at 20,000 edits, 1 ms at 120,000).
 */
import * as Y from 'yjs'
import type { BenchClient } from './bench-client'

/** The Y.XmlFragment holding the Tiptap document (packages/schema CONTRACT.md, CONTENT_FIELD). */
export const CONTENT_FIELD = 'content'

/** Edits typed into one paragraph before the writer starts the next one. */
export const PARAGRAPH_EDITS = 50

/** A client id kept for the seed, the same in every writer so that all writers share the seed's items. */
const SEED_CLIENT_ID = 0x5eed

/** An update that inserts `paragraphs` empty paragraphs (`<paragraph>` with one Y.XmlText) at the start of `content`. */
export function seedUpdate(paragraphs: number): Uint8Array {
  const doc = new Y.Doc()
  doc.clientID = SEED_CLIENT_ID
  const fragment = doc.getXmlFragment(CONTENT_FIELD)
  const elements = Array.from({ length: paragraphs }, () => {
    const paragraph = new Y.XmlElement('paragraph')
    paragraph.insert(0, [new Y.XmlText()])
    return paragraph
  })
  fragment.insert(0, elements)
  return Y.encodeStateAsUpdate(doc)
}

/** One writer on one socket, typing into paragraph `paragraph` of the seed, then into paragraphs it adds. */
export class BenchWriter {
  readonly doc = new Y.Doc()
  private paragraph: Y.XmlElement
  private text: Y.XmlText
  private editsInParagraph = 0
  private lastUpdate: Uint8Array | undefined

  constructor(
    readonly client: BenchClient,
    private readonly seed: Uint8Array,
    paragraph: number,
  ) {
    Y.applyUpdate(this.doc, seed)
    const element = this.doc.getXmlFragment(CONTENT_FIELD).get(paragraph)
    const text = element instanceof Y.XmlElement ? element.get(0) : undefined
    if (!(element instanceof Y.XmlElement) || !(text instanceof Y.XmlText)) {
      throw new RangeError(`The seed has no paragraph ${paragraph}`)
    }
    this.paragraph = element
    this.text = text
    this.doc.on('update', (update: Uint8Array) => {
      this.lastUpdate = update
    })
  }

  /** Sends the seed; call once after connecting, before typing. */
  sendSeed(): void {
    this.client.send(this.client.protocol.update(this.seed))
  }

  /** Appends `text` to this writer's paragraph (a new one every PARAGRAPH_EDITS edits) and sends the update. */
  type(text: string): void {
    this.doc.transact(() => {
      if (this.editsInParagraph === PARAGRAPH_EDITS) {
        const paragraph = new Y.XmlElement('paragraph')
        const content = new Y.XmlText()
        paragraph.insert(0, [content])
        this.doc.getXmlFragment(CONTENT_FIELD).insertAfter(this.paragraph, [paragraph])
        this.paragraph = paragraph
        this.text = content
        this.editsInParagraph = 0
      }
      this.text.insert(this.text.length, text)
      this.editsInParagraph++
    })
    const update = this.lastUpdate
    if (!update) throw new Error('Typing produced no Yjs update')
    this.lastUpdate = undefined
    this.client.send(this.client.protocol.update(update))
  }
}
