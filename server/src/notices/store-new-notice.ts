/**
 * Stores a new notice: its metadata and content written by a fresh Y.Doc (a client id of its own)
 * into the notice store, within the limits. The one way a notice comes into being, for the
 * notices service and the command line alike.
 */
import {
  checkNoticeLimits,
  countAgendaItemsInJson,
  type Notice,
  type NoticeLimits,
  readNoticeFromYDoc,
  writeNoticeToYDoc,
} from '@convene/schema'
import * as Y from 'yjs'
import type { NoticeStorage, NoticeSummary } from '../storage/storage'

/** Stores `notice` as notice `id`; throws `NoticeLimitError` for one over `limits` (null: none). */
export async function storeNewNotice(
  storage: NoticeStorage,
  id: string,
  { meta, content }: Notice,
  limits: NoticeLimits | null,
): Promise<{ id: string } & ReturnType<typeof readNoticeFromYDoc>> {
  const doc = new Y.Doc()
  try {
    writeNoticeToYDoc(doc, { meta, content })
    const state = Y.encodeStateAsUpdate(doc)
    if (limits) checkNoticeLimits({ bytes: state.length, items: countAgendaItemsInJson(content) }, limits)
    const summary: NoticeSummary = { title: meta.title, symbol: meta.symbol, language: meta.language }
    await storage.createNotice({ id, summary, state })
    return { id, ...readNoticeFromYDoc(doc) }
  } finally {
    doc.destroy()
  }
}
