/**
 * What one end-to-end test file runs against: a Convene server on port 0 over a fresh data folder,
 * with `admin` as its administrator and `accounts` created, and Debian's headless Chromium. The
 * server can be stopped and started again on the same port and data, as around an outage.
 */
import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { type RunningServer, type StartServerOptions, startServer } from '@convene/server'
import type { Browser } from 'playwright-core'
import {
  type Credentials,
  createAccounts,
  ensureClientBuilt,
  launchBrowser,
  type NewAccount,
} from './browser'

export type E2eWorld = {
  /** The server running now (another object after {@link E2eWorld.startServer}). */
  readonly server: RunningServer
  readonly browser: Browser
  readonly dataDir: string
  stopServer(): Promise<void>
  /** Starts the server again on its port and data folder, with `options` over the first ones. */
  startServer(options?: Partial<StartServerOptions>): Promise<RunningServer>
  /** Closes the browser and the server, and deletes the data folder. */
  close(): Promise<void>
}

/** Builds the client when stale, starts the server and the browser, and creates `accounts`. */
export async function startE2eWorld(
  name: string,
  admin: Credentials,
  accounts: readonly NewAccount[] = [],
): Promise<E2eWorld> {
  ensureClientBuilt()
  const dataDir = mkdtempSync(join(tmpdir(), `convene-e2e-${name}-`))
  const options = {
    dataDir,
    logLevel: 'silent',
    adminUsername: admin.username,
    adminPassword: admin.password,
  } as const
  let server = await startServer({ port: 0, ...options })
  const { port } = server
  const browser = await launchBrowser()
  await createAccounts(browser, server.url, admin, accounts)
  return {
    get server() {
      return server
    },
    browser,
    dataDir,
    async stopServer() {
      await server.close()
    },
    async startServer(more = {}) {
      server = await startServer({ port, ...options, ...more })
      return server
    },
    async close() {
      await browser.close()
      await server.close()
      rmSync(dataDir, { recursive: true, force: true })
    },
  }
}
