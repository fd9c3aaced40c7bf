/**
 * What the tests of notice validity send and check: an editor's change to a notice made on a copy
 * of a synced document and sent as one raw update (so nothing a client library does can repair
 * it), the server's answer to it (accepted, or closed with a code and the reason it named), and
 * whether the notice still reads and exports over HTTP.
 */
import { EXPORT_FORMATS } from '@convene/export'
import { encodeMessage, SYNC_TYPES } from '@convene/protocol'
import { newNoticeYDoc } from '@convene/schema'
import * as Y from 'yjs'
import { api, type FaultServer, openRaw, waitFor } from './fault-harness'

/** The V1 update of what `change` does to a copy of `base` (made by a client id of its own). */
export function changeOf(base: Y.Doc, change: (doc: Y.Doc) => void): Uint8Array {
  const copy = newNoticeYDoc()
  Y.applyUpdate(copy, Y.encodeStateAsUpdate(base))
  const before = Y.encodeStateVector(copy)
  change(copy)
  const update = Y.encodeStateAsUpdate(copy, before)
  copy.destroy()
  return update
}

/** How the server answered one update: accepted (`code` null), or closed with `code`. */
export type Answer = {
  code: number | null
  /** The close reason (cut to 123 bytes by the websocket). */
  reason: string
  /** The reason of the y-protocols permission-denied message before the close, if one came. */
  denied: string | null
}

/**
 * Sends `update` (as a sync `syncType` message: 2 update, 1 step 2) on a fresh connection to
 * `url` once it has joined, then a sync step 1: the step 2 answering it proves the update was
 * processed and accepted; a close before it gives the code.
 */
export async function sendUpdate(url: string, update: Uint8Array, syncType = 2): Promise<Answer> {
  const raw = await openRaw(url)
  await waitFor(() => raw.messages.length > 0 || raw.closedWith !== null, 'the first message')
  raw.socket.send(encodeMessage({ type: syncType === SYNC_TYPES.step2 ? 'sync-step-2' : 'update', update }))
  raw.socket.send(encodeMessage({ type: 'sync-step-1', stateVector: Y.encodeStateVector(new Y.Doc()) }))
  const answered = (): boolean => raw.received().some((message) => message.type === 'sync-step-2')
  await waitFor(() => answered() || raw.closedWith !== null, 'an answer or a close', 10_000)
  const closed = raw.closedWith
  if (!closed) {
    raw.socket.close()
    await raw.closed()
  }
  const denied = raw.denied.at(-1) ?? null
  return { code: closed?.code ?? null, reason: closed?.reason ?? '', denied }
}

/**
 * The statuses of `GET /api/notices/:id` and of the draft export in every format, as
 * `{ read: 200, 'draft.docx': 200, … }`: a readable, exportable notice answers 200 everywhere.
 */
export async function readStatuses(server: FaultServer, noticeId: string): Promise<Record<string, number>> {
  const statuses: Record<string, number> = {}
  statuses.read = (await api(server, 'GET', `/api/notices/${noticeId}`)).status
  for (const format of Object.keys(EXPORT_FORMATS)) {
    statuses[`draft.${format}`] = (
      await api(server, 'GET', `/api/notices/${noticeId}/export/draft.${format}`)
    ).status
  }
  return statuses
}

/** What {@link readStatuses} gives for a notice that reads and exports. */
export const ALL_READABLE: Record<string, number> = {
  read: 200,
  ...Object.fromEntries(Object.keys(EXPORT_FORMATS).map((format) => [`draft.${format}`, 200])),
}
