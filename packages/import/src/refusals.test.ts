// Builds hostile and unusual files with the libraries that write real ones; runs a local server to see that nothing is fetched.
/// <reference types="node" />
import { createServer } from 'node:http'
import type { AddressInfo } from 'node:net'
import { Document, Packer, Paragraph } from 'docx'
import { strToU8, unzipSync, zipSync } from 'fflate'
import PDFDocument from 'pdfkit'
import { describe, expect, it } from 'vitest'
import { ImportError, MAX_IMPORT_BYTES } from './import-error'
import { importFile } from './import-file'

const DOCX = 'application/vnd.openxmlformats-officedocument.wordprocessingml.document'

function pdf(
  draw: (doc: PDFKit.PDFDocument) => void,
  options: PDFKit.PDFDocumentOptions = {},
): Promise<Uint8Array> {
  return new Promise((resolve) => {
    const doc = new PDFDocument({ ...options, info: { CreationDate: new Date(0) } })
    const chunks: Buffer[] = []
    doc.on('data', (chunk: Buffer) => chunks.push(chunk))
    doc.on('end', () => resolve(new Uint8Array(Buffer.concat(chunks))))
    draw(doc)
    doc.end()
  })
}

async function refusal(promise: Promise<unknown>): Promise<ImportError> {
  const error = await promise.then(
    () => undefined,
    (thrown: unknown) => thrown,
  )
  expect(error).toBeInstanceOf(ImportError)
  return error as ImportError
}

async function docx(paragraphs: string[]): Promise<Uint8Array> {
  const document = new Document({ sections: [{ children: paragraphs.map((text) => new Paragraph(text)) }] })
  return new Uint8Array(await Packer.toBuffer(document))
}

describe('importFile refuses what it cannot read, with a status and a reason', () => {
  it('refuses a type it does not read (415) and a file over MAX_IMPORT_BYTES (413) before parsing', async () => {
    expect(await refusal(importFile(new Uint8Array([1, 2, 3]), 'image/png'))).toMatchObject({
      status: 415,
      message: expect.stringContaining('"image/png"'),
    })
    const big = new Uint8Array(MAX_IMPORT_BYTES + 1)
    expect(await refusal(importFile(big, 'text/plain'))).toMatchObject({
      status: 413,
      message: expect.stringContaining('MAX_IMPORT_BYTES'),
    })
  })

  it('refuses an empty file and a text of only spaces and non-breaking spaces (422)', async () => {
    expect((await refusal(importFile(new Uint8Array(), 'text/plain'))).status).toBe(422)
    expect((await refusal(importFile(strToU8('  \n\u00a0\u00a0\n\t\n'), 'text/plain'))).message).toContain(
      'no text',
    )
  })

  it('refuses an encrypted PDF, a PDF without text and bytes that are no PDF (422)', async () => {
    const encrypted = await pdf((doc) => doc.text('Secret agenda'), {
      userPassword: 'secret',
      ownerPassword: 'owner',
    })
    expect((await refusal(importFile(encrypted, 'application/pdf'))).message).toContain('encrypted')
    const drawing = await pdf((doc) => doc.rect(50, 50, 100, 100).fill('#333'))
    expect((await refusal(importFile(drawing, 'application/pdf'))).message).toContain('no text')
    expect((await refusal(importFile(strToU8('%PDF-1.7 not really'), 'application/pdf'))).status).toBe(422)
  }, 30_000)

  it('refuses an encrypted Word file (an OLE container), a zip that is no DOCX and a truncated DOCX (422)', async () => {
    const ole = new Uint8Array([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1, 0, 0, 0, 0])
    expect((await refusal(importFile(ole, DOCX))).message).toContain('encrypted')
    expect((await refusal(importFile(zipSync({ 'readme.txt': strToU8('hello') }), DOCX))).message).toContain(
      'word/document.xml',
    )
    const whole = await docx(['1. Opening of the meeting'])
    expect((await refusal(importFile(whole.slice(0, whole.length - 200), DOCX))).status).toBe(422)
  })

  it('refuses a zip bomb from its declared sizes, without inflating it', async () => {
    const whole = unzipSync(await docx(['1. Opening']))
    const bomb = zipSync({ ...whole, 'word/media/zeros.bin': new Uint8Array(40 * 1024 * 1024) }, { level: 9 })
    expect(bomb.byteLength).toBeLessThan(MAX_IMPORT_BYTES)
    const started = performance.now()
    expect((await refusal(importFile(bomb, DOCX))).message).toContain('zip bomb')
    expect(performance.now() - started).toBeLessThan(2000)
  })

  it('fetches nothing a DOCX refers to outside itself (a linked image, an attached template) and still imports its text', async () => {
    const requests: string[] = []
    const server = createServer((request, response) => {
      requests.push(request.url ?? '')
      response.end('x')
    })
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve))
    const base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`
    try {
      const files = unzipSync(await docx(['1. Opening of the meeting', '2. Adoption of the agenda']))
      const decoder = new TextDecoder()
      const rels = decoder.decode(files['word/_rels/document.xml.rels'])
      files['word/_rels/document.xml.rels'] = strToU8(
        rels.replace(
          '</Relationships>',
          `<Relationship Id="rIdRemote" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/image" Target="${base}/tracker.png" TargetMode="External"/></Relationships>`,
        ),
      )
      const picture =
        '<w:p><w:r><w:drawing><wp:inline xmlns:wp="http://schemas.openxmlformats.org/drawingml/2006/wordprocessingDrawing"><wp:extent cx="10" cy="10"/><wp:docPr id="9" name="p"/><a:graphic xmlns:a="http://schemas.openxmlformats.org/drawingml/2006/main"><a:graphicData uri="http://schemas.openxmlformats.org/drawingml/2006/picture"><pic:pic xmlns:pic="http://schemas.openxmlformats.org/drawingml/2006/picture"><pic:nvPicPr><pic:cNvPr id="9" name="p"/><pic:cNvPicPr/></pic:nvPicPr><pic:blipFill><a:blip r:link="rIdRemote"/></pic:blipFill><pic:spPr/></pic:pic></a:graphicData></a:graphic></wp:inline></w:drawing></w:r></w:p>'
      files['word/document.xml'] = strToU8(
        decoder.decode(files['word/document.xml']).replace('<w:sectPr', `${picture}<w:sectPr`),
      )
      files['word/_rels/settings.xml.rels'] = strToU8(
        `<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rIdT" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/attachedTemplate" Target="${base}/template.dotm" TargetMode="External"/></Relationships>`,
      )
      const imported = await importFile(zipSync(files), DOCX)
      expect(imported.report.items).toBe(2)
      expect(requests).toEqual([])
    } finally {
      server.close()
    }
  })
})
