/**
 * DOCX as source blocks: mammoth reads the runs, styles, hyperlinks, tables and footnotes; the
 * labels of Word's automatic numbering come from word-numbering.ts, matched to mammoth's
 * paragraphs by their text. The zip is checked before anything is inflated (declared sizes and
 * compression ratios, against zip bombs); external files and images are never read.
 */
import { unzipSync } from 'fflate'
import { ImportError, MAX_COMPRESSION_RATIO, MAX_UNZIPPED_BYTES } from './import-error'
import type { SourceBlock, SourceLink } from './source-block'
import { type NumberingReference, numberingReference, WordNumbering } from './word-numbering'

const OLE_MAGIC = [0xd0, 0xcf, 0x11, 0xe0]
const SAFE_LINK = /^(?:https?:|mailto:)/i
const PARTS = ['word/document.xml', 'word/numbering.xml', 'word/styles.xml']

/** The parts the reader needs, inflated only after every entry's declared size passed the limits. */
function readParts(bytes: Uint8Array): Map<string, string> {
  if (OLE_MAGIC.every((byte, index) => bytes[index] === byte)) {
    throw new ImportError(
      422,
      'The file is an encrypted (password-protected) Word document or an old .doc: save it as an unprotected .docx',
    )
  }
  if (bytes[0] !== 0x50 || bytes[1] !== 0x4b)
    throw new ImportError(422, 'The file is not a DOCX: it is not a zip archive')
  let total = 0
  const names: string[] = []
  try {
    unzipSync(bytes, {
      filter: (file) => {
        names.push(file.name)
        total += file.originalSize
        if (
          file.originalSize > 1024 * 1024 &&
          file.originalSize / Math.max(1, file.size) > MAX_COMPRESSION_RATIO
        ) {
          throw new ImportError(
            422,
            `The DOCX entry ${file.name} would inflate ${Math.round(file.originalSize / Math.max(1, file.size))} times: refused as a zip bomb`,
          )
        }
        if (total > MAX_UNZIPPED_BYTES) {
          throw new ImportError(
            422,
            `The DOCX would unzip to more than ${MAX_UNZIPPED_BYTES} bytes: refused as a zip bomb`,
          )
        }
        return false
      },
    })
    if (!names.includes('word/document.xml'))
      throw new ImportError(422, 'The file is a zip archive without word/document.xml: not a DOCX')
    const parts = unzipSync(bytes, { filter: (file) => PARTS.includes(file.name) })
    const decoder = new TextDecoder()
    return new Map(Object.entries(parts).map(([name, data]) => [name, decoder.decode(data)]))
  } catch (error) {
    if (error instanceof ImportError) throw error
    throw new ImportError(
      422,
      `The DOCX cannot be read: ${error instanceof Error ? error.message : String(error)}`,
      { cause: error },
    )
  }
}

/** Each `w:p` of document.xml in order: its plain text (w:t, tabs) and numbering, for matching mammoth's paragraphs. */
function xmlParagraphs(
  documentXml: string,
): { text: string; own: NumberingReference | undefined; style: string | undefined }[] {
  const paragraphs: { text: string; own: NumberingReference | undefined; style: string | undefined }[] = []
  for (const match of documentXml.matchAll(/<w:p\b[^>]*?(?:\/>|>([\s\S]*?)<\/w:p>)/g)) {
    const body = match[1] ?? ''
    const pPr = /<w:pPr>([\s\S]*?)<\/w:pPr>/.exec(body)?.[1] ?? ''
    let text = ''
    for (const piece of body.matchAll(/<w:t(?:\s[^>]*)?>([^<]*)<\/w:t>|<w:tab\/>/g)) text += piece[1] ?? '\t'
    paragraphs.push({
      text: decodeXml(text),
      own: numberingReference(pPr),
      style: /<w:pStyle w:val="([^"]*)"/.exec(pPr)?.[1],
    })
  }
  return paragraphs
}

function decodeXml(text: string): string {
  return text.replace(/&(lt|gt|amp|quot|apos|#\d+|#x[0-9a-f]+);/gi, (_, entity: string) => {
    const named: Record<string, string> = { lt: '<', gt: '>', amp: '&', quot: '"', apos: "'" }
    if (named[entity]) return named[entity] as string
    return String.fromCodePoint(
      entity.startsWith('#x') ? Number.parseInt(entity.slice(2), 16) : Number(entity.slice(1)),
    )
  })
}

// biome-ignore lint/suspicious/noExplicitAny: mammoth's document tree is untyped
type MammothElement = any

type Collected = { text: string; links: SourceLink[]; bold: boolean; chars: number; boldChars: number }

function collectRuns(element: MammothElement, into: Collected, href?: string, bold = false): void {
  for (const child of element.children ?? []) {
    if (child.type === 'text') {
      const from = into.text.length
      into.text += child.value
      const visible = String(child.value).replace(/\s/g, '').length
      into.chars += visible
      if (bold) into.boldChars += visible
      if (href) into.links.push({ from, to: into.text.length, href })
    } else if (child.type === 'tab') into.text += '\t'
    else if (child.type === 'break') into.text += ' '
    else if (child.type === 'hyperlink') {
      const target = typeof child.href === 'string' && SAFE_LINK.test(child.href) ? child.href : href
      collectRuns(child, into, target, bold)
    } else if (child.type === 'run') collectRuns(child, into, href, bold || child.isBold === true)
    else if (child.type !== 'noteReference' && child.type !== 'image' && child.children)
      collectRuns(child, into, href, bold)
  }
}

const HEADING_STYLE = /^(?:heading|titre|título|titulo|überschrift)\s*([1-9])$/i

/** The blocks of a DOCX file: body paragraphs (table rows as tab-joined rows), then footnotes. */
export async function docxBlocks(bytes: Uint8Array): Promise<{ blocks: SourceBlock[]; warnings: string[] }> {
  const parts = readParts(bytes)
  const numbering = new WordNumbering(
    parts.get('word/numbering.xml') ?? '',
    parts.get('word/styles.xml') ?? '',
  )
  const xml = xmlParagraphs(parts.get('word/document.xml') ?? '')
  const mammoth = (await import('mammoth')).default
  const paragraphs: MammothElement[] = []
  const notes: MammothElement[] = []
  const rows: MammothElement[] = []
  const visit = (element: MammothElement) => {
    if (element.type === 'paragraph') paragraphs.push({ element, row: rows.at(-1) })
    else {
      if (element.type === 'tableRow') rows.push(element)
      for (const child of element.children ?? []) visit(child)
      if (element.type === 'tableRow') rows.pop()
    }
  }
  let result: { messages: { type: string; message: string }[] }
  try {
    result = await mammoth.convertToHtml(
      { buffer: Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength) },
      {
        externalFileAccess: false,
        convertImage: mammoth.images.imgElement(async () => ({ src: '' })),
        transformDocument: (document: MammothElement) => {
          visit(document)
          for (const note of Object.values(document.notes?._notes ?? {})) notes.push(note)
          return document
        },
      },
    )
  } catch (error) {
    throw new ImportError(
      422,
      `The DOCX cannot be read: ${error instanceof Error ? error.message : String(error)}`,
      { cause: error },
    )
  }
  const blocks: SourceBlock[] = []
  let cursor = 0
  let lastRow: MammothElement
  for (const { element, row } of paragraphs) {
    const collected: Collected = { text: '', links: [], bold: false, chars: 0, boldChars: 0 }
    collectRuns(element, collected)
    // Match this paragraph to its w:p by text, to read its numbering as Word wrote it.
    let match: (typeof xml)[number] | undefined
    for (let i = cursor; i < Math.min(xml.length, cursor + 50); i++) {
      if ((xml[i]?.text ?? '') === collected.text) {
        match = xml[i]
        cursor = i + 1
        break
      }
    }
    const reference = numbering.resolve(match?.own, element.styleId ?? match?.style ?? undefined)
    const numbered = reference ? numbering.next(reference) : undefined
    const text = collected.text
    if (text.trim() === '') {
      blocks.push({ text: '', kind: 'paragraph' })
      continue
    }
    if (row && row === lastRow && blocks.length > 0) {
      const previous = blocks[blocks.length - 1] as SourceBlock
      previous.text += `\t${text}`
      continue
    }
    lastRow = row
    const block: SourceBlock = { text, kind: 'paragraph' }
    const heading = HEADING_STYLE.exec(element.styleName ?? '')
    if (heading) block.heading = Number(heading[1])
    if (numbered && reference) {
      block.list = {
        level: reference.level,
        ordered: numbered.ordered,
        ...(numbered.label !== '' ? { label: numbered.label } : {}),
      }
    } else if (element.numbering) {
      block.list = {
        level: Number(element.numbering.level ?? 0),
        ordered: element.numbering.isOrdered === true,
      }
    }
    if (collected.chars > 0 && collected.boldChars === collected.chars) block.bold = true
    if (collected.links.length > 0) block.links = collected.links
    if (row) block.tableRow = true
    blocks.push(block)
  }
  for (const note of notes) {
    if (note.noteType !== 'footnote' && note.noteType !== 'endnote') continue
    const collected: Collected = { text: '', links: [], bold: false, chars: 0, boldChars: 0 }
    for (const paragraph of note.body ?? []) {
      collectRuns(paragraph, collected)
      collected.text += ' '
    }
    const text = collected.text.trim()
    if (text !== '')
      blocks.push({
        text,
        kind: 'paragraph',
        footnote: true,
        ...(collected.links.length > 0 ? { links: collected.links } : {}),
      })
  }
  const warnings = result.messages
    .filter((message) => message.type === 'error')
    .map((message) => message.message)
  return { blocks, warnings }
}
