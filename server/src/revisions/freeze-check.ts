/**
 * The check a notice passes before it is frozen: a frozen revision is circulated and can never be
 * changed or deleted, so it must read with the strict reader (nothing dropped, and the meaning
 * checks of `docFromJSON`) and render in every export format. Pure: the server runs it on its
 * worker pool (heavy-work-worker.ts), tests and the in-thread fallback call it directly.
 */
import { EXPORT_FORMATS, type ExportFormat, type ExportRevision, renderExport } from '@convene/export'
import { docFromJSON, newNoticeYDoc, readNoticeLeniently } from '@convene/schema'
import * as Y from 'yjs'

/** Why a notice cannot be frozen: the step that refused it (the reader, or an export format) and its reason. */
export type FreezeRefusal = { step: 'reader' | ExportFormat; reason: string }

const messageOf = (error: unknown): string => (error instanceof Error ? error.message : String(error))

/**
 * Why the notice held by the encoded content state `content` cannot be frozen as `revision`, or
 * null when it can: the first step that fails, the strict reader first, then each format of
 * `EXPORT_FORMATS` in its order.
 */
export async function freezeRefusal(
  content: Uint8Array,
  revision: ExportRevision,
): Promise<FreezeRefusal | null> {
  const doc = newNoticeYDoc()
  let notice: ReturnType<typeof readNoticeLeniently>
  try {
    Y.applyUpdate(doc, content)
    notice = readNoticeLeniently(doc)
  } catch (error) {
    return { step: 'reader', reason: `its state does not decode (${messageOf(error)})` }
  } finally {
    doc.destroy()
  }
  if (notice.problems.length > 0) {
    return { step: 'reader', reason: `part of it cannot be read: ${notice.problems.join('; ')}` }
  }
  try {
    docFromJSON(notice.content, { strict: true })
  } catch (error) {
    return { step: 'reader', reason: messageOf(error) }
  }
  const source = { meta: notice.meta, content: notice.content, revision }
  for (const format of Object.keys(EXPORT_FORMATS) as ExportFormat[]) {
    try {
      await renderExport(source, format)
    } catch (error) {
      return { step: format, reason: messageOf(error) }
    }
  }
  return null
}
