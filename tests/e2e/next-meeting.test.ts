/**
 * "New notice from this one" and the speakers' directory in real headless Chromium against the
 * real server: from the sample, the next meeting's notice is made with a date, without item 3.2
 * (Richard Bolwijn's), and the speaker form then brings him back from the directory after three
 * letters of his name, picked with the keyboard. Restoring a version tells the others editing, each
 * in their interface language. Screenshots of the dialog and the library at 1440x900 and 390x844 go
 * to tests/artifacts/.
 */
import type { RunningServer } from '@convene/server'
import type { Browser, Page } from 'playwright-core'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { errorsOf, openUserPage, screenshot, signInOnPage, waitForSyncedEditor } from './browser'
import { type E2eWorld, startE2eWorld } from './e2e-world'

const ADMIN = { username: 'secretariat', password: 'next-meeting-e2e-password' }
const WIDE = { width: 1440, height: 900 }
const NARROW = { width: 390, height: 844 }

let server: RunningServer
let browser: Browser
let world: E2eWorld
let page: Page
let copyId = ''

/** Notice `id` as the server reads it now. */
async function serverNotice(id: string): Promise<{ meta: Record<string, string>; content: unknown }> {
  const response = await page.context().request.get(`${server.url}/api/notices/${id}`)
  expect(response.status()).toBe(200)
  return (await response.json()) as { meta: Record<string, string>; content: unknown }
}

beforeAll(async () => {
  world = await startE2eWorld('next-meeting', ADMIN)
  server = world.server
  browser = world.browser
  page = await openUserPage(browser, { uiLocale: 'en' })
  await page.setViewportSize(WIDE)
  await page.goto(`${server.url}/`)
  await signInOnPage(page, ADMIN)
})

afterAll(() => world?.close())

describe('New notice from this one', () => {
  it('makes the next meeting from the sample with a date and without item 3.2', async () => {
    await page.locator('tr', { hasText: 'INF/MSME/N/27' }).getByRole('link').click()
    await waitForSyncedEditor(page)
    const sampleUrl = page.url()

    await page.getByRole('button', { name: 'New notice from this one' }).click()
    const dialog = page.locator('dialog[open]')
    await dialog.getByLabel('Meeting date').fill('2024-06-18')
    expect(await dialog.getByLabel('Symbol of the new notice').inputValue()).toBe('INF/MSME/N/28')
    const item = (id: string) => dialog.locator(`label[data-item-id="${id}"] input`)
    expect(await item('other-business').isChecked()).toBe(true)
    expect(await item('other-business').isDisabled()).toBe(true)
    expect(await item('msme-investment').isChecked()).toBe(true)
    await item('msme-investment').uncheck()
    await screenshot(page, 'next-meeting-dialog-1440x900')
    await page.setViewportSize(NARROW)
    await screenshot(page, 'next-meeting-dialog-390x844')
    await page.setViewportSize(WIDE)

    await dialog.getByRole('button', { name: 'Create the notice' }).click()
    await page.waitForURL((url) => url.href !== sampleUrl && url.pathname.startsWith('/notices/'))
    await waitForSyncedEditor(page)
    copyId = decodeURIComponent(new URL(page.url()).pathname.split('/').pop() ?? '')

    const copy = await serverNotice(copyId)
    expect(copy.meta).toMatchObject({ symbol: 'INF/MSME/N/28', meetingDate: '2024-06-18', revisionLabel: '' })
    const titles = await page.locator('.notice-text h2[data-type="agenda-title"]').allTextContents()
    expect(titles.join('\n')).toContain('Discussion sur les MPME')
    expect(titles.join('\n')).not.toContain('Investissement des MPME')
    expect(JSON.stringify(copy.content)).not.toContain('Bolwijn')
    expect(errorsOf(page)).toEqual([])
  })

  it('inserts a speaker from the directory after three letters of "Bolwijn", picked with the keyboard', async () => {
    await page.locator('.notice-text p').first().click()
    await page.keyboard.press('End')
    await page.getByRole('button', { name: /^Speaker/ }).click()
    const dialog = page.locator('dialog[open]')
    const name = dialog.getByRole('combobox', { name: 'Name' })
    await name.pressSequentially('Bol')
    const option = dialog.getByRole('option', { name: /Richard Bolwijn/ })
    await option.waitFor()
    await name.press('ArrowDown')
    await name.press('Enter')
    expect(await name.inputValue()).toBe('Richard Bolwijn')
    expect(await dialog.getByLabel('Organisation').inputValue()).toBe('CNUCED')
    await dialog.getByRole('button', { name: 'Insert' }).click()
    await dialog.waitFor({ state: 'hidden' })

    await expect
      .poll(async () => JSON.stringify((await serverNotice(copyId)).content), { timeout: 10_000 })
      .toContain('Richard Bolwijn')
    expect(await page.locator('.notice-text').textContent()).toContain(
      "Richard Bolwijn, Directeur de la recherche sur l'investissement à la CNUCED",
    )
    expect(errorsOf(page)).toEqual([])
  })

  it('shows both notices in the library, searchable, with the meeting date and origin', async () => {
    await page.goto(`${server.url}/`)
    await page.locator('tr', { hasText: 'INF/MSME/N/28' }).waitFor()
    await page.getByRole('searchbox', { name: 'Search the notices' }).fill('bolwijn')
    await expect.poll(() => page.locator('tbody tr').count(), { timeout: 10_000 }).toBe(2)
    await page.getByRole('searchbox', { name: 'Search the notices' }).fill('')
    await page.getByLabel('Sort by').selectOption('meeting-date')
    await expect
      .poll(() => page.locator('tbody tr').first().locator('.notice-table__symbol').textContent())
      .toBe('INF/MSME/N/28')
    expect(await page.locator('tbody tr').first().locator('time[datetime="2024-06-18"]').count()).toBe(1)
    await screenshot(page, 'library-1440x900')
    await page.setViewportSize(NARROW)
    await screenshot(page, 'library-390x844')
    await page.setViewportSize(WIDE)
    expect(errorsOf(page)).toEqual([])
  })

  it('tells someone else editing, in French, that a version was restored', async () => {
    const named = await page.context().request.post(`${server.url}/api/notices/${copyId}/revisions`, {
      data: { label: 'Avant Bolwijn' },
    })
    expect(named.status(), await named.text()).toBe(201)
    const other = await openUserPage(browser, { uiLocale: 'fr' })
    await other.goto(`${server.url}/`)
    await signInOnPage(other, ADMIN)
    await other.goto(`${server.url}/notices/${copyId}`)
    await waitForSyncedEditor(other)

    await page.goto(`${server.url}/notices/${copyId}`)
    await waitForSyncedEditor(page)
    await page.getByRole('tab', { name: 'Revisions' }).click()
    await page.getByRole('button', { name: 'Open Avant Bolwijn, read only' }).click()
    await page.getByRole('button', { name: 'Restore this version…' }).click()
    await page.locator('dialog[open]').getByRole('button', { name: 'Restore', exact: true }).click()

    const note = other.locator('.restore-note')
    await note.waitFor({ timeout: 10_000 })
    expect(await note.textContent()).toMatch(/^secretariat a restauré la révision \d+ : /)
    expect(await page.locator('.restore-note').count()).toBe(0)
    expect(errorsOf(other)).toEqual([])
  })
})
