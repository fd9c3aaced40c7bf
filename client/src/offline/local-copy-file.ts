/**
 * A notice kept in this browser turned into a file its author can save (HTML with the agenda's
 * structure, or plain text with its numbers), for the case where the server can no longer take it:
 * the notice was deleted, or the person may no longer edit it.
 */
import { agendaOutline, docFromJSON, noticeSchema, readNoticeFromYDoc } from '@convene/schema'
import { DOMSerializer, type Node as ProseMirrorNode } from '@tiptap/pm/model'
import type * as Y from 'yjs'

/** The formats a local copy can be saved in. */
export type LocalCopyFormat = 'html' | 'txt'

/** A file ready to save. */
export type LocalCopyFile = { name: string; blob: Blob }

function escapeHtml(text: string): string {
  return text.replace(/[&<>"]/g, (c) => `&${{ '&': 'amp', '<': 'lt', '>': 'gt', '"': 'quot' }[c]};`)
}

/** The notice as plain text: one block a line, each agenda title after its number. */
export function noticeAsText(doc: ProseMirrorNode, title: string): string {
  const numbers = new Map(agendaOutline(doc).map((entry) => [entry.pos + 1, entry.number]))
  const lines: string[] = title ? [title, ''] : []
  doc.descendants((node, pos) => {
    if (!node.isTextblock) return true
    const number = numbers.get(pos)
    const text = node.textContent
    lines.push(number ? `${number} ${text}` : text)
    return false
  })
  return `${lines.join('\n')}\n`
}

function noticeAsHtml(doc: ProseMirrorNode, title: string): string {
  const holder = document.createElement('div')
  holder.append(DOMSerializer.fromSchema(noticeSchema).serializeFragment(doc.content))
  return [
    '<!doctype html>',
    '<html><head><meta charset="utf-8">',
    `<title>${escapeHtml(title)}</title></head><body>`,
    title ? `<h1>${escapeHtml(title)}</h1>` : '',
    holder.innerHTML,
    '</body></html>',
    '',
  ].join('\n')
}

/** The file of `ydoc`'s notice in `format`, named after its title. */
export function localCopyFile(ydoc: Y.Doc, format: LocalCopyFormat): LocalCopyFile {
  const { meta, content } = readNoticeFromYDoc(ydoc)
  const title = meta.title ?? ''
  const doc = docFromJSON(content, { strict: false })
  const base = (title || 'notice').replace(/[\\/:*?"<>|]+/g, ' ').trim() || 'notice'
  if (format === 'txt') {
    return {
      name: `${base}.txt`,
      blob: new Blob([noticeAsText(doc, title)], { type: 'text/plain;charset=utf-8' }),
    }
  }
  return {
    name: `${base}.html`,
    blob: new Blob([noticeAsHtml(doc, title)], { type: 'text/html;charset=utf-8' }),
  }
}
