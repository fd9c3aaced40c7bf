/**
 * Resource use of a server process read from Linux /proc: CPU seconds from /proc/<pid>/stat
 * (utime + stime) and resident memory from /proc/<pid>/status (VmRSS now, VmHWM the kernel's
 * peak), with VmRSS sampled every 100 ms so that a phase's own peak can be told apart.
 */
import { execFileSync } from 'node:child_process'
import { readdirSync, readFileSync } from 'node:fs'

const clockTicksPerSecond = readClockTicks()

function readClockTicks(): number {
  try {
    const ticks = Number(execFileSync('getconf', ['CLK_TCK'], { encoding: 'utf8' }).trim())
    return Number.isFinite(ticks) && ticks > 0 ? ticks : 100
  } catch {
    return 100
  }
}

/** CPU seconds (user + system) that process `pid` has used since it started. */
export function cpuSeconds(pid: number): number {
  const stat = readFileSync(`/proc/${pid}/stat`, 'utf8')
  // The command name (field 2) may contain spaces and parentheses: fields are counted after the last ')'.
  const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ')
  // After the name, fields[0] is field 3 (state); utime is field 14 and stime field 15.
  const utime = Number(fields[11])
  const stime = Number(fields[12])
  if (!Number.isFinite(utime) || !Number.isFinite(stime)) {
    throw new Error(`Cannot read utime/stime of pid ${pid} from /proc/${pid}/stat: "${stat.slice(0, 200)}"`)
  }
  return (utime + stime) / clockTicksPerSecond
}

/** Memory figures of process `pid` in bytes: current resident set and the kernel's high-water mark. */
export function memory(pid: number): { rss: number; hwm: number } {
  const status = readFileSync(`/proc/${pid}/status`, 'utf8')
  return { rss: statusKiB(status, 'VmRSS', pid) * 1024, hwm: statusKiB(status, 'VmHWM', pid) * 1024 }
}

/**
 * The resident set of process `pid` and all its descendants, in bytes, with the pid and command
 * name of each (a loader's helper process, such as esbuild's service under tsx, counts too).
 */
export function treeRss(pid: number): {
  rss: number
  processes: { pid: number; name: string; rss: number }[]
} {
  const parents = new Map<number, number[]>()
  for (const entry of readdirSync('/proc')) {
    if (!/^\d+$/.test(entry)) continue
    let stat: string
    try {
      stat = readFileSync(`/proc/${entry}/stat`, 'utf8')
    } catch {
      continue // gone between the listing and the read
    }
    // After the name (which may contain spaces), fields[1] is field 4, the parent's pid.
    const parent = Number(stat.slice(stat.lastIndexOf(')') + 2).split(' ')[1])
    parents.set(parent, [...(parents.get(parent) ?? []), Number(entry)])
  }
  const processes: { pid: number; name: string; rss: number }[] = []
  const visit = (current: number) => {
    try {
      const name = readFileSync(`/proc/${current}/comm`, 'utf8').trim()
      processes.push({ pid: current, name, rss: memory(current).rss })
    } catch {
      return // exited meanwhile: it holds no memory any more
    }
    for (const child of parents.get(current) ?? []) visit(child)
  }
  visit(pid)
  return { rss: processes.reduce((sum, process) => sum + process.rss, 0), processes }
}

function statusKiB(status: string, key: string, pid: number): number {
  const match = new RegExp(`^${key}:\\s+(\\d+) kB`, 'm').exec(status)
  if (!match?.[1]) throw new Error(`No ${key} line in /proc/${pid}/status`)
  return Number(match[1])
}

/** What a {@link ProcessSampler} saw between two marks. */
export type PhaseUsage = {
  /** CPU seconds used during the phase. */
  cpuSeconds: number
  /** Highest sampled resident set during the phase, in bytes. */
  peakRss: number
  /** Resident set at the end of the phase, in bytes. */
  endRss: number
}

/**
 * Samples one process's resident set every `intervalMs` and keeps the highest value seen since the
 * last {@link ProcessSampler.mark}. Stops by itself when the process is gone.
 */
export class ProcessSampler {
  private timer: NodeJS.Timeout | undefined
  private phasePeak = 0
  private phaseCpuStart = 0
  private lastRss = 0

  constructor(
    readonly pid: number,
    private readonly intervalMs = 100,
  ) {}

  start(): this {
    this.mark()
    this.timer = setInterval(() => this.sample(), this.intervalMs)
    this.timer.unref()
    return this
  }

  stop(): void {
    clearInterval(this.timer)
    this.timer = undefined
  }

  /** Takes one sample now; returns the current resident set in bytes (0 once the process is gone). */
  sample(): number {
    try {
      this.lastRss = memory(this.pid).rss
      if (this.lastRss > this.phasePeak) this.phasePeak = this.lastRss
    } catch {
      this.stop()
    }
    return this.lastRss
  }

  /** Starts a new phase: the peak and CPU counters restart from now. */
  mark(): void {
    this.phasePeak = 0
    this.phaseCpuStart = cpuSeconds(this.pid)
    this.sample()
  }

  /** Usage since the last mark (takes a final sample first). */
  usage(): PhaseUsage {
    const endRss = this.sample()
    return { cpuSeconds: cpuSeconds(this.pid) - this.phaseCpuStart, peakRss: this.phasePeak, endRss }
  }

  /** The kernel's peak resident set over the whole life of the process, in bytes. */
  lifetimePeak(): number {
    return memory(this.pid).hwm
  }
}
