/**
 * Runs one benchmark on each server in turn, each in its own fresh process, and keeps going when one
 * server is missing or fails: its row says why instead of a figure.
 */
import { type RunningServer, SERVERS, type ServerName, type StartOptions } from './servers'

/** The outcome of one benchmark on one server. */
export type Outcome<T> =
  | { server: ServerName; status: 'ok'; result: T }
  | { server: ServerName; status: 'skipped' | 'failed'; reason: string }

/**
 * Starts each server in `names` (in order), runs `bench` on it, and stops it, whatever happens.
 * A bench that needs restarts gets the running server and restarts it itself. `startOptions.env`
 * sets server settings for this benchmark (servers ignore variables they do not know).
 */
export async function runOnServers<T>(
  title: string,
  names: readonly ServerName[],
  bench: (server: RunningServer) => Promise<T>,
  startOptions: StartOptions = {},
): Promise<Outcome<T>[]> {
  const outcomes: Outcome<T>[] = []
  for (const name of names) {
    const kind = SERVERS[name]
    const missing = kind.unavailable()
    if (missing) {
      console.log(`[${title}] ${name}: skipped (${missing})`)
      outcomes.push({ server: name, status: 'skipped', reason: missing })
      continue
    }
    console.log(`[${title}] ${name}: starting`)
    let server: RunningServer | undefined
    try {
      server = await kind.start(startOptions)
      const result = await bench(server)
      outcomes.push({ server: name, status: 'ok', result })
      console.log(`[${title}] ${name}: done`)
    } catch (error) {
      const reason = (error as Error).message
      // Stopped first, so that the server's last words (its error log) are in its output.
      await server?.stop()
      const output = server?.output().trim().slice(-8000)
      console.error(
        `[${title}] ${name}: FAILED: ${reason}${output ? `\n--- server output ---\n${output}` : ''}`,
      )
      outcomes.push({ server: name, status: 'failed', reason: reason.split('\n')[0] ?? reason })
    } finally {
      await server?.stop()
    }
  }
  return outcomes
}

/** The result for `name`, if that server ran. */
export function resultOf<T>(outcomes: readonly Outcome<T>[], name: ServerName): T | undefined {
  const outcome = outcomes.find((candidate) => candidate.server === name)
  return outcome?.status === 'ok' ? outcome.result : undefined
}
