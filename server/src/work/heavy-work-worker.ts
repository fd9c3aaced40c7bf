/**
 * The worker thread side of the heavy-work pool: reads a notice from its Yjs updates and
 * renders it as a draft, renders exports, compares two notices, checks a notice to be frozen and the database file, the work whose cost grows with a notice's size, so that it never runs on the server's event loop.
 * Each task is plain data in, plain data out (structured clone); see heavy-work-pool.ts.
 */
import { type ExportFormat, type ExportRevision, type ExportSource, renderExport } from '@convene/export'
import { ImportError, type ImportedNotice, type ImportFileOptions, importFile } from '@convene/import'
import {
  diffNotices,
  type NoticeDiff,
  type NoticeSnapshot,
  newNoticeYDoc,
  readNoticeFromYDoc,
} from '@convene/schema'
import * as Y from 'yjs'
import { type LiveNotice, type RenderedDraft, renderDraft } from '../notices/draft-export'
import { type FreezeRefusal, freezeRefusal } from '../revisions/freeze-check'
import { sqliteQuickCheck } from '../storage/sqlite/sqlite-quick-check'

/** What a worker is asked to do. */
export type HeavyTask =
  | { kind: 'export'; input: ExportSource; format: ExportFormat }
  | { kind: 'compare'; older: NoticeSnapshot; newer: NoticeSnapshot }
  /** A notice's stored updates (or its encoded state), read and rendered as a draft. */
  | { kind: 'draft'; updates: Uint8Array[]; format: ExportFormat; createdAt: string }
  /** An encoded content state checked before it is frozen as `revision` (freeze-check.ts). */
  | { kind: 'freeze-check'; content: Uint8Array; revision: ExportRevision }
  /** `PRAGMA quick_check` of the SQLite database `file` (sqlite-quick-check.ts). */
  | { kind: 'quick-check'; file: string }
  /** A file to read and recognise as a notice (its bytes and media type). */
  | { kind: 'import'; bytes: Uint8Array; contentType: string; options: ImportFileOptions }

/** An import's result as plain data: the notice, or why the file was refused (an error's status does not cross threads). */
export type ImportOutcome =
  | { imported: ImportedNotice }
  | { refused: { status: ImportError['status']; message: string } }

/** Runs one task (Piscina calls the default export of the worker file). */
export default async function runHeavyTask(
  task: HeavyTask,
): Promise<Uint8Array | NoticeDiff | RenderedDraft | FreezeRefusal | ImportOutcome | string[] | null> {
  if (task.kind === 'quick-check') return sqliteQuickCheck(task.file)
  if (task.kind === 'import') {
    try {
      return { imported: await importFile(task.bytes, task.contentType, task.options) }
    } catch (error) {
      if (error instanceof ImportError) return { refused: { status: error.status, message: error.message } }
      throw error
    }
  }
  if (task.kind === 'freeze-check') return freezeRefusal(task.content, task.revision)
  if (task.kind === 'export') return renderExport(task.input, task.format)
  if (task.kind === 'compare') return diffNotices(task.older, task.newer)
  const doc = newNoticeYDoc()
  let live: LiveNotice
  try {
    doc.transact(() => {
      for (const update of task.updates) Y.applyUpdate(doc, update)
    })
    live = readNoticeFromYDoc(doc)
  } finally {
    doc.destroy()
  }
  return renderDraft(live, task.format, task.createdAt)
}
