import { pino } from 'pino'
import { afterEach, describe, expect, it, vi } from 'vitest'
import { NoticeNotFoundError } from '../sync/notice-errors'
import { AutoRevisionScheduler } from './auto-revision-scheduler'
import type { RevisionSummary } from './revision-service'

/** A scheduler over a service double that records which notices it was asked to revise. */
function scheduler(intervalMs: number, fail: (noticeId: string) => Error | null = () => null) {
  const asked: string[] = []
  const errors: unknown[] = []
  const logger = pino({ level: 'silent' })
  logger.error = ((payload: { err: unknown }) => {
    errors.push(payload.err)
  }) as typeof logger.error
  const subject = new AutoRevisionScheduler({
    intervalMs,
    logger,
    service: {
      autoRevision: async (noticeId: string): Promise<RevisionSummary | null> => {
        asked.push(noticeId)
        const error = fail(noticeId)
        if (error) throw error
        return null
      },
    },
  })
  return { subject, asked, errors }
}

afterEach(() => {
  vi.useRealTimers()
})

describe('AutoRevisionScheduler', () => {
  it('takes one revision an interval after the first of many edits, and none while the notice is idle', async () => {
    vi.useFakeTimers()
    const { subject, asked } = scheduler(300_000)
    subject.noticeChanged('a')
    await vi.advanceTimersByTimeAsync(200_000)
    subject.noticeChanged('a')
    expect(asked).toEqual([])
    await vi.advanceTimersByTimeAsync(100_000)
    expect(asked).toEqual(['a'])
    await vi.advanceTimersByTimeAsync(3_000_000)
    expect(asked).toEqual(['a'])
    subject.noticeChanged('a')
    await vi.advanceTimersByTimeAsync(300_000)
    expect(asked).toEqual(['a', 'a'])
  })

  it('takes a revision when the last editor leaves a changed notice, and only then', async () => {
    const { subject, asked } = scheduler(0)
    subject.noticeIdle('a')
    subject.noticeChanged('a')
    subject.noticeChanged('b')
    subject.noticeIdle('a')
    subject.noticeIdle('a')
    await subject.close()
    // b was still changed at shutdown: it gets its revision too.
    expect(asked).toEqual(['a', 'b'])
  })

  it('forgets a deleted notice and stays quiet about it, but logs any other failure', async () => {
    const { subject, asked, errors } = scheduler(0, (noticeId) =>
      noticeId === 'gone'
        ? new NoticeNotFoundError(noticeId)
        : noticeId === 'broken'
          ? new Error('disk on fire')
          : null,
    )
    subject.noticeChanged('deleted')
    subject.noticeDeleted('deleted')
    subject.noticeChanged('gone')
    subject.noticeIdle('gone')
    subject.noticeChanged('broken')
    subject.noticeIdle('broken')
    await subject.close()
    expect(asked).toEqual(['gone', 'broken'])
    expect(errors).toEqual([new Error('disk on fire')])
  })

  it('schedules nothing once closed', async () => {
    vi.useFakeTimers()
    const { subject, asked } = scheduler(1000)
    await subject.close()
    subject.noticeChanged('a')
    await vi.advanceTimersByTimeAsync(5000)
    subject.noticeIdle('a')
    expect(asked).toEqual([])
    expect(subject.pendingNotices).toEqual([])
  })
})
