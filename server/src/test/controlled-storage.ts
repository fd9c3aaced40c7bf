/**
 * A storage double for tests of what happens around writes: wraps the memory storage and lets
 * a test hold appends back (to observe what happens before a write is durable) or make them fail.
 */
import { createMemoryStorage } from '../storage/memory/memory-storage'
import type { NoticeStorage, UpdateAppend } from '../storage/storage'

/** A memory storage whose appends a test controls. */
export type ControlledStorage = NoticeStorage & {
  /** Every batch passed to `appendUpdates`, in call order (failed ones included). */
  batches: UpdateAppend[][]
  /** While true, appends wait until `releaseAppends()`. */
  holdAppends: boolean
  /** Lets held appends proceed. */
  releaseAppends(): void
  /** When set, appends naming a notice this returns true for fail with `Error('disk on fire')`. */
  failAppendsFor: ((noticeId: string) => boolean) | null
}

/** Creates a {@link ControlledStorage} over a fresh memory storage. */
export function controlledStorage(): ControlledStorage {
  const inner = createMemoryStorage()
  let waiting: (() => void)[] = []
  const storage: ControlledStorage = {
    ...inner,
    kind: 'controlled-memory',
    batches: [],
    holdAppends: false,
    failAppendsFor: null,
    releaseAppends() {
      storage.holdAppends = false
      for (const wake of waiting.splice(0)) wake()
    },
    async appendUpdates(batch) {
      storage.batches.push([...batch])
      if (storage.holdAppends) await new Promise<void>((resolve) => waiting.push(resolve))
      const fail = storage.failAppendsFor
      if (fail && batch.some((entry) => fail(entry.noticeId))) throw new Error('disk on fire')
      return inner.appendUpdates(batch)
    },
  }
  waiting = []
  return storage
}
