/**
 * The copy of an open notice kept in this browser (IndexedDB, through y-indexeddb), one per user
 * and notice: every change is stored as it is made, so that closing the tab or a crash while
 * offline loses nothing, with the number of changes the server has not confirmed yet. Only
 * people who may edit keep one; all of them are removed at sign-out.
 */
import { newNoticeYDoc } from '@convene/schema'
import { clearDocument, IndexeddbPersistence } from 'y-indexeddb'
import type * as Y from 'yjs'

const PREFIX = 'convene-notice:'
const WAITING_KEY = 'waiting'

/** y-indexeddb emits no error: a store that does not answer within this time is given up. */
const LOAD_TIMEOUT_MS = 3000

/** The IndexedDB name of `userId`'s copy of notice `noticeId`. */
export function localCopyName(userId: string, noticeId: string): string {
  return `${PREFIX}${encodeURIComponent(userId)}:${encodeURIComponent(noticeId)}`
}

/** A notice's stored copy, attached to a live Y.Doc: every update of the doc is stored. */
export class LocalCopy {
  private readonly persistence: IndexeddbPersistence

  constructor(
    readonly name: string,
    doc: Y.Doc,
  ) {
    this.persistence = new IndexeddbPersistence(name, doc)
  }

  /** The origin of the transactions that apply what was stored (not new changes). */
  get persistenceOrigin(): unknown {
    return this.persistence
  }

  /**
   * Resolves once what was stored has been applied to the doc, with the number of changes the
   * server had not confirmed when it was stored (0 for a new copy); rejects after a timeout.
   */
  async load(): Promise<number> {
    let timer: ReturnType<typeof setTimeout> | undefined
    const timeout = new Promise<never>((_, reject) => {
      timer = setTimeout(
        () => reject(new Error(`The browser's copy ${this.name} did not open within ${LOAD_TIMEOUT_MS} ms`)),
        LOAD_TIMEOUT_MS,
      )
    })
    try {
      await Promise.race([this.persistence.whenSynced, timeout])
      const waiting: unknown = await Promise.race([this.persistence.get(WAITING_KEY), timeout])
      return typeof waiting === 'number' && waiting > 0 ? waiting : 0
    } finally {
      clearTimeout(timer)
    }
  }

  /** Records how many changes the server has not confirmed yet. */
  setWaiting(count: number): Promise<unknown> {
    return this.persistence.set(WAITING_KEY, count)
  }

  /** Stops storing (the stored copy stays). */
  close(): Promise<void> {
    return this.persistence.destroy()
  }
}

/** What a stored copy holds: the notice as last stored, and how many changes were unconfirmed. */
export type StoredCopy = { doc: Y.Doc; waiting: number }

async function storedNames(): Promise<string[]> {
  const databases = await indexedDB.databases()
  return databases.flatMap((db) => (db.name?.startsWith(PREFIX) ? [db.name] : []))
}

/** Reads the stored copy `name` into a fresh doc, or null when there is none. */
export async function readLocalCopy(name: string): Promise<StoredCopy | null> {
  if (!(await storedNames()).includes(name)) return null
  const doc = newNoticeYDoc()
  const copy = new LocalCopy(name, doc)
  try {
    return { doc, waiting: await copy.load() }
  } finally {
    await copy.close()
  }
}

/** Removes the stored copy `name`. */
export function deleteLocalCopy(name: string): Promise<void> {
  return clearDocument(name)
}

/** Removes every stored notice copy of this browser (at sign-out). */
export async function clearLocalCopies(): Promise<void> {
  await Promise.all((await storedNames()).map((name) => clearDocument(name)))
}
