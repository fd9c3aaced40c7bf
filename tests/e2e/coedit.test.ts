/**
 * Two editors, signed in with their own accounts, edit the sample notice together in real headless
 * Chromium against the real server: a sub-item added by one appears, numbered, in the other's text
 * and outline within a second and survives a reload; speakers, symbols, item moves and metadata
 * travel the same way. Screenshots of each screen go to tests/artifacts/ for a human look.
 */
import type { RunningServer } from '@convene/server'
import type { Browser, Page } from 'playwright-core'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import {
  errorsOf,
  openUserPage,
  screenshot,
  seenAgendaTitles,
  seenOutline,
  signInOnPage,
  textWithoutCarets,
  waitForSyncedEditor,
} from './browser'
import { type E2eWorld, startE2eWorld } from './e2e-world'

const NEW_TITLE = 'Commerce numérique et MPME'
const ADMIN = { username: 'secretariat', password: 'coedit-e2e-admin-password' }
const AICHA = { username: 'aicha', password: 'aicha-e2e-password', displayName: 'Aïcha Diallo' }
const MARC = { username: 'marc', password: 'marc-e2e-password', displayName: 'Marc Lefèvre' }

let server: RunningServer
let browser: Browser
let world: E2eWorld
/** Aïcha works in English; Marc in French. */
let aicha: Page
let marc: Page

/** Waits (at most `timeout` ms) until `page` shows an agenda title `title` numbered `number`. */
function waitForTitle(page: Page, number: string, title: string, timeout = 5000) {
  return page.waitForFunction(
    ([n, t]) =>
      Array.from(document.querySelectorAll('.notice-text h2[data-type="agenda-title"]')).some((h2) => {
        const copy = h2.cloneNode(true) as HTMLElement
        const shown = copy.querySelector('.agenda-number')?.textContent
        copy.querySelectorAll('.agenda-number, .collab-caret').forEach((extra) => {
          extra.remove()
        })
        return shown === n && copy.textContent === t
      }),
    [number, title] as const,
    { timeout, polling: 'raf' },
  )
}

beforeAll(async () => {
  world = await startE2eWorld('coedit', ADMIN, [AICHA, MARC])
  server = world.server
  browser = world.browser
})

afterAll(() => world?.close())

describe('two people editing the sample notice', () => {
  it('creates a notice from the sample, shares it, and the other editor signs in straight into it', async () => {
    aicha = await openUserPage(browser, { uiLocale: 'en' })
    await aicha.goto(`${server.url}/`)
    await signInOnPage(aicha, AICHA)
    // A new account sees no notice until one is shared with it or it creates one.
    await aicha.getByText('No notices yet.', { exact: false }).waitFor()
    await screenshot(aicha, 'list-page')
    await aicha.getByRole('button', { name: 'New from the sample' }).click()
    await aicha.waitForURL(/\/notices\/[^/]+$/)
    await waitForSyncedEditor(aicha)
    const noticeId = decodeURIComponent(aicha.url().split('/').pop() ?? '')
    const shared = await aicha
      .context()
      .request.put(`${server.url}/api/notices/${encodeURIComponent(noticeId)}/members/${MARC.username}`, {
        data: { role: 'editor' },
      })
    expect(shared.status(), await shared.text()).toBe(200)

    // Marc follows a link to the notice: he is asked to sign in, then lands on the notice itself.
    marc = await openUserPage(browser, { uiLocale: 'fr' })
    await marc.goto(aicha.url())
    await signInOnPage(marc, MARC)
    expect(marc.url()).toBe(aicha.url())
    await waitForSyncedEditor(marc)

    const numbers = (await seenAgendaTitles(marc)).map((t) => t.number)
    expect(numbers).toEqual(['1', '2', '3', '3.1', '3.2', '4', '4.1', '4.2', '4.3', '5', '6', '6.1', '6.2'])
    await expect.poll(() => aicha.locator('.presence__person').count()).toBe(2)
  })

  it('shows a sub-item added under item 3 to the other editor as 3.3 within a second, in text and outline', async () => {
    await aicha.getByRole('button', { name: /^Item 3: / }).click()
    await aicha.keyboard.press('Control+Shift+Enter')
    await aicha.keyboard.type(NEW_TITLE)
    const typed = Date.now()
    await waitForTitle(marc, '3.3', NEW_TITLE, 1000)
    expect(Date.now() - typed).toBeLessThan(1000)

    for (const page of [aicha, marc]) {
      const titles = await seenAgendaTitles(page)
      expect(titles.map((t) => t.number)).toEqual([
        '1',
        '2',
        '3',
        '3.1',
        '3.2',
        '3.3',
        '4',
        '4.1',
        '4.2',
        '4.3',
        '5',
        '6',
        '6.1',
        '6.2',
      ])
      expect(titles[5]).toEqual({ number: '3.3', title: NEW_TITLE })
      expect(titles[6]?.title).toMatch(/^RENFORCER LE DIALOGUE/)
      await expect.poll(() => seenOutline(page)).toContainEqual({ number: '3.3', title: NEW_TITLE })
    }
  })

  it("labels each person's caret with their name on the other's screen", async () => {
    await marc.getByRole('button', { name: /^Point 3\.2/ }).click()
    await marc.keyboard.press('Control+Shift+ArrowLeft')
    await expect.poll(() => aicha.locator('.collab-caret__label').allTextContents()).toContain('Marc Lefèvre')
    await expect.poll(() => marc.locator('.collab-caret__label').allTextContents()).toContain('Aïcha Diallo')
    await screenshot(aicha, 'editor-two-carets')
    await screenshot(marc, 'editor-two-carets-fr')
  })

  it('keeps the new sub-item after a reload', async () => {
    await aicha.reload()
    await waitForSyncedEditor(aicha)
    await waitForTitle(aicha, '3.3', NEW_TITLE)
    expect(await seenOutline(aicha)).toContainEqual({ number: '3.3', title: NEW_TITLE })
  })

  it('turns a typed document symbol into a link in the notice language, and leaves invalid text alone', async () => {
    await aicha.getByRole('button', { name: /^Item 3\.3: / }).click()
    await aicha.keyboard.press('Enter')
    await aicha.keyboard.type('Voir WT/MIN(24)/9, puis INF/MSME/4/Rev. et la suite.')
    for (const page of [aicha, marc]) {
      const bodySelector = `section[data-type="agenda-item"]:has(> h2[data-type="agenda-title"]:text-is("${NEW_TITLE}")) > p`
      await expect
        .poll(() => textWithoutCarets(page, bodySelector))
        .toBe('Voir WT/MIN(24)/9, puis INF/MSME/4/Rev. et la suite.')
      const body = page.locator(bodySelector)
      const links = body.locator('.document-symbol a')
      await expect.poll(() => links.count()).toBe(1)
      expect(await body.locator('.document-symbol').getAttribute('data-symbol')).toBe('WT/MIN(24)/9')
      expect(await links.first().getAttribute('href')).toContain('Language=French')
    }
  })

  it('turns every valid symbol of pasted text into a symbol, one link per part of a joint symbol', async () => {
    await aicha.getByRole('button', { name: /^Item 3\.3: / }).click()
    await aicha.keyboard.press('Enter')
    await aicha.evaluate((text) => {
      const data = new DataTransfer()
      data.setData('text/plain', text)
      document
        .querySelector('.notice-text')
        ?.dispatchEvent(new ClipboardEvent('paste', { clipboardData: data, bubbles: true, cancelable: true }))
    }, 'Recueils (INF/MSME/W/46/Rev.1-INF/TGE/W/7/Rev.1) et INF/MSME/W/47/Rev.1; pas inf/msme/1.')
    const pasted = marc.locator('.notice-text p', { hasText: /^Recueils \(/ })
    await expect
      .poll(() =>
        pasted
          .locator('.document-symbol')
          .evaluateAll((els) => els.map((e) => e.getAttribute('data-symbol'))),
      )
      .toEqual(['INF/MSME/W/46/Rev.1-INF/TGE/W/7/Rev.1', 'INF/MSME/W/47/Rev.1'])
    expect(await pasted.locator('.document-symbol a').allTextContents()).toEqual([
      'INF/MSME/W/46/Rev.1',
      'INF/TGE/W/7/Rev.1',
      'INF/MSME/W/47/Rev.1',
    ])
    expect(await pasted.textContent()).toContain('pas inf/msme/1.')
  })

  it('moves the new item up with Alt+Shift+ArrowUp and indents it with Tab; numbers follow for everyone', async () => {
    const idOf = (page: Page, number: string) =>
      page.$$eval(
        '.notice-text section[data-type="agenda-item"]',
        (sections, n) =>
          sections.find((s) => s.querySelector(':scope > h2 > .agenda-number')?.textContent === n)?.dataset
            .id,
        number,
      )
    const id = await idOf(marc, '3.3')
    expect(id).toMatch(/^item-[0-9a-f-]{36}$/)
    await aicha.getByRole('button', { name: /^Item 3\.3: / }).click()
    await aicha.keyboard.press('Alt+Shift+ArrowUp')
    await waitForTitle(marc, '3.2', NEW_TITLE, 1000)
    await expect
      .poll(() => aicha.getByTestId('move-announcement').textContent())
      .toBe('Item 3.3 moved to 3.2')
    await waitForTitle(marc, '3.3', 'Investissement des MPME')
    await aicha.keyboard.press('Tab')
    await waitForTitle(marc, '3.1.1', NEW_TITLE, 1000)
    await aicha.keyboard.press('Shift+Tab')
    await waitForTitle(marc, '3.2', NEW_TITLE, 1000)
    expect(await idOf(marc, '3.2')).toBe(id)
    expect(await idOf(aicha, '3.2')).toBe(id)
    expect((await seenAgendaTitles(aicha)).map((t) => t.number)).toEqual(
      (await seenAgendaTitles(marc)).map((t) => t.number),
    )
  })

  it('edits a speaker through the speaker form, and the other editor sees the new running text', async () => {
    await aicha.locator('.notice-text .speaker', { hasText: 'Ralyana Horta Ribeiro' }).click()
    const dialog = aicha.getByRole('dialog', { name: 'Edit the speaker' })
    await dialog.waitFor()
    expect(await dialog.getByLabel('Name', { exact: true }).inputValue()).toBe('Ralyana Horta Ribeiro')
    await dialog.getByLabel('Delegation').fill('Timor-Leste')
    await expect
      .poll(() => dialog.locator('output').textContent())
      .toContain('Ralyana Horta Ribeiro (Timor-Leste),')
    await screenshot(aicha, 'speaker-dialog')
    await dialog.getByRole('button', { name: 'Save' }).click()
    await expect
      .poll(() => marc.locator('.notice-text .speaker', { hasText: 'Ralyana' }).textContent())
      .toBe(
        'Mme Ralyana Horta Ribeiro (Timor-Leste), Première Secrétaire de la Mission permanente du Timor-Leste',
      )
  })

  it('inserts a speaker from the keyboard (Alt+Shift+S) for everyone to read', async () => {
    await aicha.getByRole('button', { name: /^Item 3\.2: / }).click()
    await aicha.keyboard.press('Enter')
    await aicha.keyboard.type('Ouverture par ')
    await aicha.keyboard.press('Alt+Shift+S')
    const dialog = aicha.getByRole('dialog', { name: 'Insert a speaker' })
    await dialog.waitFor()
    await dialog.getByLabel('Honorific').fill('Mme')
    await dialog.getByLabel('Name', { exact: true }).fill('Ngozi Okonjo-Iweala')
    await dialog.getByLabel('Function').fill('Directrice générale')
    await dialog.getByLabel('Preposition').fill("de l'")
    await dialog.getByLabel('Organisation').fill('OMC')
    await dialog.getByRole('button', { name: 'Insert' }).click()
    await expect
      .poll(() => marc.locator('.notice-text .speaker', { hasText: 'Okonjo' }).textContent())
      .toBe("Mme Ngozi Okonjo-Iweala, Directrice générale de l'OMC")
  })

  it('shares valid metadata edits live and keeps an invalid symbol local, with its error', async () => {
    const marcForm = marc.locator('.meta-panel')
    const aichaForm = aicha.locator('.meta-panel')
    await marcForm.getByLabel('Lieu').fill('Salle D, Centre William Rappard')
    await expect
      .poll(() => aichaForm.getByLabel('Place').inputValue())
      .toBe('Salle D, Centre William Rappard')

    await marcForm.getByLabel('Titre', { exact: true }).fill('Avis de convocation – réunion de mars')
    await expect
      .poll(() => aicha.locator('.notice-header__title').textContent())
      .toBe('Avis de convocation – réunion de mars')

    const symbol = marcForm.getByLabel('Cote de l’avis')
    await symbol.fill('INF/MSME/n/27')
    expect(await symbol.getAttribute('aria-invalid')).toBe('true')
    await expect
      .poll(() => marc.locator('.meta-panel .field__error').first().textContent())
      .toContain('«\u00a0n\u00a0»')
    // The peer keeps the last valid value.
    await aicha.waitForTimeout(300)
    expect(await aichaForm.getByLabel('Symbol of this notice').inputValue()).toBe('INF/MSME/N/27')
    await symbol.scrollIntoViewIfNeeded()
    await screenshot(marc, 'metadata-form')
  })

  it('keeps edits made while the server is down and delivers them when it is back', async () => {
    await world.stopServer()
    await aicha.locator('.connection:not([data-status="connected"])').waitFor()
    await aicha.getByRole('button', { name: /^Item 6\.2: / }).click()
    await aicha.keyboard.type(' (suite)')
    await aicha.locator('.connection[data-pending]').waitFor()
    await screenshot(aicha, 'offline-pending')

    server = await world.startServer()
    await aicha
      .locator('.connection[data-status="connected"]:not([data-pending])')
      .waitFor({ timeout: 15_000 })
    await waitForTitle(marc, '6.2', 'Autres questions (suite)', 15_000)
  })

  it('raised no error in either page', () => {
    expect(errorsOf(aicha)).toEqual([])
    expect(errorsOf(marc)).toEqual([])
  })
})
