/**
 * A draft export: the live notice rendered with the DRAFT watermark, named by a hash of what it
 * shows. Shared by the export route (in its own thread, in tests) and the worker pool.
 */
import { createHash } from 'node:crypto'
import { type ExportFormat, type ExportSource, renderExport } from '@convene/export'
import type { NoticeMeta } from '@convene/schema'

/** What a notice reads as for a draft preview: its current metadata (possibly partial) and content. */
export type LiveNotice = { meta: Partial<NoticeMeta>; content: ExportSource['content'] }

/** A rendered draft and the metadata it was rendered from (for its file name). */
export type RenderedDraft = { body: Uint8Array; meta: Partial<NoticeMeta> }

/** SHA-256 of the live notice, so that a draft preview names the state it shows. */
function liveHash(notice: LiveNotice): string {
  return createHash('sha256')
    .update(JSON.stringify([notice.meta, notice.content]))
    .digest('hex')
}

/** Renders `live` as a draft in `format`, dated `createdAt` (ISO 8601). */
export async function renderDraft(
  live: LiveNotice,
  format: ExportFormat,
  createdAt: string,
  render: (input: ExportSource, format: ExportFormat) => Promise<Uint8Array> = renderExport,
): Promise<RenderedDraft> {
  const input: ExportSource = {
    meta: live.meta,
    content: live.content,
    revision: { label: null, hash: liveHash(live), createdAt, frozen: false },
    draft: true,
  }
  return { body: await render(input, format), meta: live.meta }
}
