/**
 * What the harness itself costs during a phase: its CPU seconds (all threads) and its own event-loop
 * delay. Printed beside every server figure: if the harness is busy, latencies measure the harness.
 */
import { monitorEventLoopDelay } from 'node:perf_hooks'

/** Harness cost over one phase. */
export type HarnessUsage = {
  cpuSeconds: number
  /** CPU seconds per wall second (1 = one core fully busy). */
  cpuShare: number
  /** The harness's event-loop delay p99 and max, in milliseconds. */
  loopDelayP99Ms: number
  loopDelayMaxMs: number
}

// The histogram records the time between samples, so a sample taken on time reads as the resolution.
const RESOLUTION_MS = 5

/** Measures the harness from construction until {@link HarnessMeter.stop}. */
export class HarnessMeter {
  private readonly cpuStart = process.cpuUsage()
  private readonly wallStart = performance.now()
  private readonly delay = monitorEventLoopDelay({ resolution: RESOLUTION_MS })

  constructor() {
    this.delay.enable()
  }

  stop(): HarnessUsage {
    this.delay.disable()
    const cpu = process.cpuUsage(this.cpuStart)
    const cpuSeconds = (cpu.user + cpu.system) / 1e6
    const wallSeconds = (performance.now() - this.wallStart) / 1000
    return {
      cpuSeconds,
      cpuShare: wallSeconds > 0 ? cpuSeconds / wallSeconds : Number.NaN,
      loopDelayP99Ms: Math.max(0, this.delay.percentile(99) / 1e6 - RESOLUTION_MS),
      loopDelayMaxMs: Math.max(0, this.delay.max / 1e6 - RESOLUTION_MS),
    }
  }
}

/** Resolves after `ms` milliseconds. */
export function sleep(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms))
}

/** Polls `done` every `everyMs` until it is true or `timeoutMs` passed; resolves whether it became true. */
export async function waitUntil(done: () => boolean, timeoutMs: number, everyMs = 20): Promise<boolean> {
  const deadline = performance.now() + timeoutMs
  while (!done()) {
    if (performance.now() >= deadline) return false
    await sleep(everyMs)
  }
  return true
}
