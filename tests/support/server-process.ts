/**
 * The Convene server as a child process, for tests that need SIGKILL and SIGTERM to be real and its
 * memory to be its own: from source (`node --import tsx server/src/main.ts`) or, as `pnpm start`
 * runs it, compiled (`node server/dist/main.js`; see ensure-built.ts).
 */
import { type ChildProcess, spawn } from 'node:child_process'
import { readFileSync } from 'node:fs'
import { join, resolve } from 'node:path'
import { fileURLToPath } from 'node:url'

const SERVER_DIR = resolve(fileURLToPath(new URL('.', import.meta.url)), '..', '..', 'server')

/** Which server a child process runs: the TypeScript sources through tsx, or the compiled bundle. */
export type ServerEntry = 'source' | 'compiled'

/** Node's arguments for `entry`, relative to server/. */
const ENTRY_ARGS: Record<ServerEntry, string[]> = {
  source: ['--import', 'tsx', join('src', 'main.ts')],
  compiled: [join('dist', 'main.js')],
}

/** A spawned server process, listening or not yet. */
export type ServerProcess = {
  child: ChildProcess
  /** Everything it printed so far, stdout and stderr. */
  output(): string
  /** Whether it is still running. */
  alive(): boolean
  /** Sends `signal` unless it already exited; resolves with the exit code (null when killed by a signal) once gone. */
  signal(signal: NodeJS.Signals): Promise<number | null>
  /** Its resident memory now, in bytes (from /proc). */
  rssBytes(): number
}

/**
 * Spawns the server (`entry`: from source unless told; the compiled one needs `ensureBuilt('server')` first) with `env`
 * on top of this process's environment, collecting what it prints.
 */
export function spawnServerProcess(
  env: Record<string, string>,
  entry: ServerEntry = 'source',
): ServerProcess {
  const child = spawn(process.execPath, ENTRY_ARGS[entry], {
    cwd: SERVER_DIR,
    env: { ...process.env, ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  })
  let output = ''
  child.stdout?.on('data', (chunk) => {
    output += chunk
  })
  child.stderr?.on('data', (chunk) => {
    output += chunk
  })
  const exited = new Promise<number | null>((done) => child.once('exit', (code) => done(code)))
  const alive = (): boolean => child.exitCode === null && child.signalCode === null
  return {
    child,
    output: () => output,
    alive,
    signal: async (signal) => {
      if (alive()) child.kill(signal)
      return exited
    },
    rssBytes: () => {
      const status = readFileSync(`/proc/${child.pid}/status`, 'utf8')
      const kib = /VmRSS:\s+(\d+) kB/.exec(status)?.[1]
      if (!kib) throw new Error(`No VmRSS in /proc/${child.pid}/status`)
      return Number(kib) * 1024
    },
  }
}

/**
 * Resolves the URL the server prints once it listens (`Convene is running at <url>`); fails,
 * naming `label` and quoting its output, when it exits first or takes longer than `timeoutMs`.
 */
export function listeningUrl(server: ServerProcess, label = 'main.ts', timeoutMs = 30_000): Promise<string> {
  return new Promise<string>((done, fail) => {
    const timer = setTimeout(
      () => fail(new Error(`${label} did not print its URL in ${timeoutMs / 1000} s:\n${server.output()}`)),
      timeoutMs,
    )
    const check = (): void => {
      const match = /Convene is running at (http:\/\/\S+)/.exec(server.output())
      if (match?.[1]) {
        clearTimeout(timer)
        done(match[1])
      }
    }
    server.child.stdout?.on('data', check)
    server.child.once('exit', (code, signal) => {
      clearTimeout(timer)
      fail(new Error(`${label} exited (${code ?? signal}) before listening:\n${server.output()}`))
    })
    check()
  })
}

/** The y-websocket server URL (`ws://…/collab`) of the server at `url`. */
export { collabServerUrl as collabUrl } from '@convene/protocol'
