/**
 * The builds tests need (the web client, the compiled server), made with the same script as
 * `pnpm start` and `pnpm build` (scripts/build.mjs): each only when its sources changed since its
 * last build, so that a direct `vitest` run never tests a stale build.
 */
import { execFileSync } from 'node:child_process'
import { join, resolve } from 'node:path'
import { fileURLToPath } from 'node:url'

const REPO_ROOT = resolve(fileURLToPath(new URL('.', import.meta.url)), '..', '..')

/** A build scripts/build.mjs makes: `client` into client/dist, `server` into server/dist. */
export type BuildTarget = 'client' | 'server'

/** Builds each of `targets` whose sources changed; throws with the build's output when one fails. */
export function ensureBuilt(...targets: BuildTarget[]): void {
  try {
    execFileSync(process.execPath, [join(REPO_ROOT, 'scripts', 'build.mjs'), ...targets], {
      cwd: REPO_ROOT,
      stdio: 'pipe',
      encoding: 'utf8',
    })
  } catch (error) {
    const { stdout, stderr } = error as { stdout?: string; stderr?: string }
    throw new Error(`scripts/build.mjs ${targets.join(' ')} failed:\n${stdout ?? ''}${stderr ?? ''}`, {
      cause: error,
    })
  }
}
