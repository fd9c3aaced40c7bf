/**
 * Shared helpers for the end-to-end tests that drive the web client in real headless Chromium:
 * building the client when it is stale, launching the browser, opening one page per simulated
 * user, signing in, reading the agenda as the user sees it, and saving screenshots to tests/artifacts/.
 */
import { mkdirSync } from 'node:fs'
import { join } from 'node:path'
import { fileURLToPath } from 'node:url'
import { type Browser, chromium, type Page } from 'playwright-core'
import { ensureBuilt } from '../support/ensure-built'

/** The repository root. */
export const REPO_ROOT = fileURLToPath(new URL('../../', import.meta.url))

/** Where screenshots go (ignored by git). */
export const ARTIFACTS_DIR = join(REPO_ROOT, 'tests', 'artifacts')

/** Chromium's flags for a quiet, sandbox-free headless run on a CI machine. */
export const CHROMIUM_ARGS = [
  '--headless',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--no-first-run',
]

/** The viewport the UI is designed for (a common laptop screen). */
export const VIEWPORT = { width: 1280, height: 800 }

/**
 * Builds the web client unless client/dist was built from the current sources (`pnpm test` builds
 * it first; this keeps a direct `vitest --project e2e` run honest).
 */
export function ensureClientBuilt(): void {
  ensureBuilt('client')
}

/** Launches Debian's headless Chromium. */
export function launchBrowser(): Promise<Browser> {
  return chromium.launch({ executablePath: '/usr/bin/chromium', headless: true, args: CHROMIUM_ARGS })
}

/** Options of one simulated user. */
export type UserOptions = {
  /** The interface language stored before the app loads ('en', 'fr' or 'es'). */
  uiLocale?: string
}

/** Opens a fresh browser context (its own storage, like another person's machine) and a page in it. */
export async function openUserPage(browser: Browser, options: UserOptions = {}): Promise<Page> {
  const context = await browser.newContext({ viewport: VIEWPORT, locale: options.uiLocale ?? 'en-GB' })
  await context.addInitScript((stored: UserOptions) => {
    if (stored.uiLocale) localStorage.setItem('convene.uiLocale', stored.uiLocale)
  }, options)
  const page = await context.newPage()
  const errors: string[] = []
  const warnings: string[] = []
  page.on('pageerror', (error) => errors.push(error.stack ?? error.message))
  page.on('console', (message) => {
    // The browser's own reports of refused connections are expected while a test stops the server.
    if (NETWORK_NOISE.test(message.text())) return
    if (message.type() === 'error') errors.push(`console: ${message.text()}`)
    if (message.type() === 'warning') warnings.push(message.text())
  })
  pageErrors.set(page, errors)
  pageWarnings.set(page, warnings)
  return page
}

const pageErrors = new WeakMap<Page, string[]>()
const pageWarnings = new WeakMap<Page, string[]>()
const NETWORK_NOISE = /^(WebSocket connection to '.*' failed|Failed to load resource)/

/** The uncaught exceptions and console errors (other than refused connections) the page has had so far. */
export function errorsOf(page: Page): string[] {
  return pageErrors.get(page) ?? []
}

/** The console warnings (other than the browser's reports of connections) the page has had so far. */
export function warningsOf(page: Page): string[] {
  return pageWarnings.get(page) ?? []
}

/** A username and password. */
export type Credentials = { username: string; password: string }

/**
 * Signs in on the sign-in page the app shows to a signed-out visitor (in any interface language:
 * the fields are found by their autocomplete purpose), and waits for the page to go.
 */
export async function signInOnPage(page: Page, credentials: Credentials): Promise<void> {
  const form = page.locator('form.sign-in-form')
  await form.waitFor()
  await form.locator('input[autocomplete="username"]').fill(credentials.username)
  await form.locator('input[autocomplete="current-password"]').fill(credentials.password)
  await form.locator('button[type=submit]').click()
  await form.waitFor({ state: 'detached' })
}

/** Signs in through the HTTP API: the page's browser context then holds the session cookie. */
export async function signInByApi(page: Page, serverUrl: string, credentials: Credentials): Promise<void> {
  const response = await page.context().request.post(`${serverUrl}/api/auth/login`, { data: credentials })
  if (response.status() !== 200) {
    throw new Error(
      `Signing in ${credentials.username} failed: HTTP ${response.status()} ${await response.text()}`,
    )
  }
}

/** Waits until the page's editor is connected and shows the synced notice. */
export async function waitForSyncedEditor(page: Page): Promise<void> {
  await page.locator('.connection[data-status="connected"]').waitFor()
  await page.locator('.notice-text h2[data-type="agenda-title"]').first().waitFor()
}

/** One agenda title as the user sees it: its displayed number and its text. */
export type SeenTitle = { number: string; title: string }

/** The agenda titles shown in the editor, in order, without other people's caret labels. */
export function seenAgendaTitles(page: Page): Promise<SeenTitle[]> {
  return page.$$eval('.notice-text h2[data-type="agenda-title"]', (titles) =>
    titles.map((h2) => {
      const copy = h2.cloneNode(true) as HTMLElement
      const number = copy.querySelector('.agenda-number')?.textContent ?? ''
      copy.querySelectorAll('.agenda-number, .collab-caret').forEach((extra) => {
        extra.remove()
      })
      return { number, title: copy.textContent ?? '' }
    }),
  )
}

/** The outline panel's entries as shown ("3.3 Title"). */
export function seenOutline(page: Page): Promise<SeenTitle[]> {
  return page.$$eval('.outline__link', (links) =>
    links.map((link) => ({
      number: link.querySelector('.outline__number')?.textContent ?? '',
      title: link.querySelector('.outline__title')?.textContent ?? '',
    })),
  )
}

/** The text of the element matched by `selector`, without the carets and name labels of other people. */
export function textWithoutCarets(page: Page, selector: string): Promise<string> {
  return page.$eval(selector, (element) => {
    const copy = element.cloneNode(true) as HTMLElement
    copy.querySelectorAll('.collab-caret').forEach((caret) => {
      caret.remove()
    })
    return copy.textContent ?? ''
  })
}

/** Saves a screenshot of the page as tests/artifacts/<name>.png and returns its path. */
export async function screenshot(page: Page, name: string): Promise<string> {
  mkdirSync(ARTIFACTS_DIR, { recursive: true })
  const path = join(ARTIFACTS_DIR, `${name}.png`)
  await page.screenshot({ path })
  return path
}

/** Creates the sample notice through the HTTP API with `page`'s session; resolves to its id. */
export async function createSampleNotice(page: Page, serverUrl: string): Promise<string> {
  const created = await page.context().request.post(`${serverUrl}/api/notices`, { data: { from: 'sample' } })
  if (created.status() !== 201) {
    throw new Error(`Creating the sample notice failed: HTTP ${created.status()} ${await created.text()}`)
  }
  return ((await created.json()) as { id: string }).id
}

/** An account to create: its credentials and the name others see. */
export type NewAccount = Credentials & { displayName: string }

/**
 * Creates `accounts` through the HTTP API as administrator `admin` (from a throwaway browser
 * context, so no page holds the administrator's session).
 */
export async function createAccounts(
  browser: Browser,
  serverUrl: string,
  admin: Credentials,
  accounts: readonly NewAccount[],
): Promise<void> {
  const context = await browser.newContext()
  try {
    const login = await context.request.post(`${serverUrl}/api/auth/login`, { data: admin })
    if (login.status() !== 200) throw new Error(`The administrator could not sign in: HTTP ${login.status()}`)
    for (const account of accounts) {
      const created = await context.request.post(`${serverUrl}/api/users`, { data: account })
      if (created.status() !== 201) {
        throw new Error(
          `Creating ${account.username} failed: HTTP ${created.status()} ${await created.text()}`,
        )
      }
    }
  } finally {
    await context.close()
  }
}
