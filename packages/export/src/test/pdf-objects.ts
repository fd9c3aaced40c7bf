/**
 * A small reader of the uncompressed dictionaries pdfkit writes, enough for tests to check the
 * outline (bookmarks): each item's title and parent.
 * @module
 */
import { inflateSync } from 'node:zlib'

/** One outline item: its object number, title and the object number of its parent. */
export type OutlineItem = { id: number; title: string; parent: number | null }

/** Decodes a PDF literal string body (escapes, then UTF-16BE when it starts with a byte order mark). */
export function decodePdfString(body: string): string {
  const bytes: number[] = []
  for (let i = 0; i < body.length; i++) {
    const c = body.charCodeAt(i)
    if (c !== 0x5c) {
      bytes.push(c & 0xff)
      continue
    }
    const next = body[++i] ?? ''
    const escapes: Record<string, number> = { n: 10, r: 13, t: 9, b: 8, f: 12, '(': 40, ')': 41, '\\': 92 }
    const octal = /^[0-7]{1,3}/.exec(body.slice(i, i + 3))
    if (escapes[next] !== undefined) bytes.push(escapes[next])
    else if (octal) {
      bytes.push(Number.parseInt(octal[0], 8))
      i += octal[0].length - 1
    }
  }
  if (bytes[0] === 0xfe && bytes[1] === 0xff) {
    let text = ''
    for (let i = 2; i + 1 < bytes.length; i += 2)
      text += String.fromCharCode(((bytes[i] ?? 0) << 8) | (bytes[i + 1] ?? 0))
    return text
  }
  return String.fromCharCode(...bytes)
}

/** Reads the end of a literal string starting just after its "(", honouring escapes and nesting. */
function literalAt(text: string, start: number): string {
  let depth = 1
  for (let i = start; i < text.length; i++) {
    const c = text[i]
    if (c === '\\') i++
    else if (c === '(') depth++
    else if (c === ')' && --depth === 0) return text.slice(start, i)
  }
  throw new Error(`Unterminated PDF string at ${start}`)
}

/** The outline items of a pdfkit PDF (objects with /Title and /Parent), in no particular order. */
export function pdfOutline(pdf: Uint8Array): OutlineItem[] {
  const text = Buffer.from(pdf).toString('latin1')
  const items: OutlineItem[] = []
  for (const match of text.matchAll(/(\d+) 0 obj\s*<<([\s\S]*?)\nendobj/g)) {
    const body = match[2] ?? ''
    const title = body.indexOf('/Title (')
    const parent = /\/Parent (\d+) 0 R/.exec(body)
    if (title === -1 || !parent || !body.includes('/Dest')) continue
    items.push({
      id: Number(match[1]),
      title: decodePdfString(literalAt(body, title + '/Title ('.length)),
      parent: Number(parent[1]),
    })
  }
  return items
}

/** The decompressed content streams that draw text (one per page for pdfkit), in file order. */
export function pdfTextStreams(pdf: Uint8Array): string[] {
  const text = Buffer.from(pdf).toString('latin1')
  const streams: string[] = []
  for (const match of text.matchAll(/\/FlateDecode[\s\S]*?>>\s*stream\r?\n([\s\S]*?)\r?\nendstream/g)) {
    let inflated: string
    try {
      inflated = inflateSync(Buffer.from(match[1] ?? '', 'latin1')).toString('latin1')
    } catch (error) {
      if (error instanceof Error && 'code' in error && String(error.code).startsWith('Z_')) continue
      throw error
    }
    if (/\bBT\b/.test(inflated) && /\bTf\b/.test(inflated)) streams.push(inflated)
  }
  return streams
}
