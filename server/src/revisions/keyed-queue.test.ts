import { describe, expect, it } from 'vitest'
import { KeyedQueue } from './keyed-queue'

const later = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms))

describe('KeyedQueue', () => {
  it('runs the tasks of one key one after another, in order, even when one fails', async () => {
    const queue = new KeyedQueue()
    const log: string[] = []
    const task =
      (name: string, ms: number, fail = false) =>
      async () => {
        log.push(`start ${name}`)
        await later(ms)
        log.push(`end ${name}`)
        if (fail) throw new Error(name)
        return name
      }
    const results = await Promise.allSettled([
      queue.run('a', task('1', 20)),
      queue.run('a', task('2', 1, true)),
      queue.run('a', task('3', 1)),
    ])
    expect(log).toEqual(['start 1', 'end 1', 'start 2', 'end 2', 'start 3', 'end 3'])
    expect(results.map((result) => result.status)).toEqual(['fulfilled', 'rejected', 'fulfilled'])
  })

  it('lets different keys run at the same time, and tells when all are done', async () => {
    const queue = new KeyedQueue()
    const log: string[] = []
    void queue.run('a', async () => {
      await later(20)
      log.push('a')
    })
    void queue.run('b', async () => {
      log.push('b')
    })
    await queue.idle()
    expect(log).toEqual(['b', 'a'])
  })
})
