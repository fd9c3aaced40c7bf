/**
 * Asking a storage whether it answers, for the readiness check: one trivial read (a notice id
 * that cannot exist), bounded in time, so a database that hangs reads as unreachable.
 */
import type { NoticeStorage } from './storage'

/** The id looked up by {@link storageAnswers}: no notice has it (ids are UUIDs). */
const PROBE_ID = 'convene-readiness-probe'

/** Resolves whether `storage` answered a trivial read within `timeoutMs`; never rejects. */
export async function storageAnswers(storage: NoticeStorage, timeoutMs = 2000): Promise<boolean> {
  let timer: ReturnType<typeof setTimeout> | undefined
  const timeout = new Promise<false>((resolve) => {
    timer = setTimeout(() => resolve(false), timeoutMs)
  })
  try {
    return await Promise.race([
      storage.getNotice(PROBE_ID).then(
        () => true,
        () => false,
      ),
      timeout,
    ])
  } finally {
    clearTimeout(timer)
  }
}
