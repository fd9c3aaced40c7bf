/**
 * The revisions panel and the export menu in real headless Chromium against the real server: an
 * editor names a version, edits, freezes Rev.1, edits again, compares Rev.1 with the current text
 * (the new word is marked as inserted), restores the named version (both edits are gone, in the
 * browser and on the server), and downloads Rev.1 as PDF from the export menu. Screenshots of the
 * panel, the comparison and the menu go to tests/artifacts/.
 */
import { readFileSync } from 'node:fs'
import type { RunningServer } from '@convene/server'
import type { Browser, Page } from 'playwright-core'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { pdfText } from '../support/poppler'
import {
  createSampleNotice,
  errorsOf,
  openUserPage,
  screenshot,
  signInOnPage,
  waitForSyncedEditor,
} from './browser'
import { type E2eWorld, startE2eWorld } from './e2e-world'

const ADMIN = { username: 'secretariat', password: 'revisions-e2e-password' }
const NAMED = 'Before the chair’s edits'
/** Typed before Rev.1 is frozen, and after. */
const FIRST_WORD = 'Zanzibar'
const SECOND_WORD = 'Mombasa'

let server: RunningServer
let browser: Browser
let world: E2eWorld
let page: Page
let noticeId: string

/** The notice as the server reads it now. */
async function serverNotice(): Promise<string> {
  const response = await page.context().request.get(`${server.url}/api/notices/${noticeId}`)
  expect(response.status()).toBe(200)
  return JSON.stringify(await response.json())
}

/** The live text as the page shows it. */
function liveText(): Promise<string> {
  return page
    .locator('article.page:not([hidden]) .notice-text')
    .textContent()
    .then((text) => text ?? '')
}

/** Appends `word` to the title of agenda item `number`, through the outline and the keyboard. */
async function appendToTitle(number: string, word: string): Promise<void> {
  await page.getByRole('button', { name: new RegExp(`^Item ${number.replace('.', '\\.')}: `) }).click()
  await page.keyboard.type(` ${word}`)
  await expect.poll(serverNotice, { timeout: 10_000 }).toContain(word)
}

function timelineEntry(name: string) {
  return page.locator('.timeline__entry').filter({ has: page.locator('.timeline__name', { hasText: name }) })
}

beforeAll(async () => {
  world = await startE2eWorld('revisions', ADMIN)
  server = world.server
  browser = world.browser
  page = await openUserPage(browser, { uiLocale: 'en' })
  await page.goto(`${server.url}/`)
  await signInOnPage(page, ADMIN)
  noticeId = await createSampleNotice(page, server.url)
})

afterAll(() => world?.close())

describe('the revisions panel', () => {
  it('names the current version', async () => {
    await page.goto(`${server.url}/notices/${noticeId}`)
    await waitForSyncedEditor(page)
    await page.getByRole('tab', { name: 'Revisions' }).click()
    await page.getByRole('button', { name: 'Name this version…' }).click()
    const dialog = page.locator('dialog[open]')
    await dialog.getByLabel('Name').fill(NAMED)
    await dialog.getByRole('button', { name: 'Save version' }).click()
    await timelineEntry(NAMED).waitFor()
    await expect.poll(() => timelineEntry(NAMED).locator('.badge').textContent()).toBe('Named')
  })

  it('freezes Rev.1 after an edit, with the label proposed and a confirmation that says it never changes', async () => {
    await appendToTitle('2', FIRST_WORD)
    await page.getByRole('tab', { name: 'Revisions' }).click()
    await page.getByRole('button', { name: /^Freeze as Rev\.1/ }).click()
    const dialog = page.locator('dialog[open]')
    expect(await dialog.getByLabel('Revision label').inputValue()).toBe('Rev.1')
    expect(await dialog.textContent()).toContain('A frozen revision never changes.')
    await screenshot(page, 'revisions-freeze-dialog')
    await dialog.getByRole('button', { name: 'Freeze as Rev.1' }).click()
    await dialog.waitFor({ state: 'hidden' })
    const entry = timelineEntry('Rev.1')
    await entry.waitFor()
    expect(await entry.locator('.badge--frozen').textContent()).toBe('Frozen')
    await screenshot(page, 'revisions-panel')
  })

  it('compares Rev.1 with the current version and marks the word added since as inserted', async () => {
    await appendToTitle('3', SECOND_WORD)
    await page.getByRole('tab', { name: 'Revisions' }).click()
    await timelineEntry('Rev.1').getByRole('button', { name: 'Compare with current' }).click()
    const inserted = page.locator('.revision-page .notice-text ins.diff-insert', { hasText: SECOND_WORD })
    await inserted.waitFor()
    expect(await inserted.textContent()).toContain(SECOND_WORD)
    // the word already in Rev.1 is not marked
    expect(await page.locator('.revision-page ins.diff-insert', { hasText: FIRST_WORD }).count()).toBe(0)
    const changes = await page.locator('.changes__list').textContent()
    expect(changes).toContain(`Item 3 retitled`)
    // the summary line leads to the item, so the marks are in view
    await page.getByRole('button', { name: /^Item 3 retitled/ }).click()
    await expect
      .poll(() => inserted.evaluate((element) => element.getBoundingClientRect().top))
      .toBeLessThan(300)
    expect(await page.locator('.outline__link').count()).toBeGreaterThan(10)
    await screenshot(page, 'revisions-compare')
  })

  it('restores the named version: both edits are gone in the browser and on the server', async () => {
    await page.getByRole('button', { name: 'Back to editing' }).click()
    await page.getByRole('button', { name: `Open ${NAMED}, read only` }).click()
    await page.locator('.revision-page .notice-text').waitFor()
    expect(await page.locator('.revision-page .notice-text').textContent()).not.toContain(FIRST_WORD)
    await screenshot(page, 'revisions-open')
    await page.getByRole('button', { name: 'Restore this version…' }).click()
    const dialog = page.locator('dialog[open]')
    expect(await dialog.textContent()).toContain('Nothing is deleted')
    await dialog.getByRole('button', { name: 'Restore', exact: true }).click()
    await page.locator('.revision-page').waitFor({ state: 'detached' })
    await expect.poll(liveText, { timeout: 10_000 }).not.toContain(SECOND_WORD)
    expect(await liveText()).not.toContain(FIRST_WORD)
    const stored = await serverNotice()
    expect(stored).not.toContain(FIRST_WORD)
    expect(stored).not.toContain(SECOND_WORD)
  })

  it('downloads Rev.1 as PDF from its export menu, named after the notice', async () => {
    await page.getByRole('tab', { name: 'Revisions' }).click()
    const entry = timelineEntry('Rev.1')
    await entry.getByRole('button', { name: 'Export Rev.1' }).click()
    const menu = page.getByRole('menu', { name: 'Export Rev.1' })
    await menu.waitFor()
    await screenshot(page, 'revisions-export-menu')
    const [download] = await Promise.all([
      page.waitForEvent('download'),
      menu.getByRole('menuitem', { name: /^PDF/ }).click(),
    ])
    expect(download.suggestedFilename()).toBe('INF-MSME-N-27-Rev.1-fr.pdf')
    // The file holds Rev.1 as frozen: its symbol, the word typed before the freeze, not the one after.
    const text = pdfText(readFileSync(await download.path()))
    expect(text).toContain('INF/MSME/N/27/Rev.1')
    // (the WTO house style sets top-level titles in capitals)
    expect(text.toLocaleUpperCase('fr')).toContain(FIRST_WORD.toLocaleUpperCase('fr'))
    expect(text.toLocaleUpperCase('fr')).not.toContain(SECOND_WORD.toLocaleUpperCase('fr'))
    await expect
      .poll(() => entry.locator('.export-menu__status').textContent())
      .toContain('INF-MSME-N-27-Rev.1-fr.pdf')
    expect(errorsOf(page)).toEqual([])
  })

  it('speaks French: Rev.1 compared with the restored text shows the word removed since, struck through', async () => {
    await page.getByRole('combobox', { name: 'Interface language' }).selectOption('fr')
    await page.getByRole('tab', { name: 'Révisions' }).click()
    await timelineEntry('Rev.1').getByRole('button', { name: 'Comparer avec la version actuelle' }).click()
    const deleted = page.locator('.revision-page .notice-text del.diff-delete', { hasText: FIRST_WORD })
    await deleted.waitFor()
    expect(await page.locator('.changes__list').textContent()).toContain('Point 2 renommé')
    await page.getByRole('button', { name: /^Point 2 renommé/ }).click()
    await screenshot(page, 'revisions-compare-fr')
    expect(errorsOf(page)).toEqual([])
  })
})
