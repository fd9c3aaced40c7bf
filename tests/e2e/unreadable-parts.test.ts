/**
 * A notice whose stored state is invalid (written straight into the database, as from before the
 * server checked updates) opens in Chromium: the editor shows the readable part, says in a banner
 * what it could not read, in the interface language; no page error.
 */
import { randomUUID } from 'node:crypto'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { READABLE_TEXT, storeInvalidNotice } from '../support/invalid-notice-state'
import { errorsOf, openUserPage, screenshot, signInOnPage } from './browser'
import { type E2eWorld, startE2eWorld } from './e2e-world'

const ADMIN = { username: 'secretariat', password: 'unreadable-e2e-password' }
// One notice per interface language: an editor's binding leaves out what it cannot read as it
// opens the notice, so the next visitor would find less to report.
const noticeIds = { en: randomUUID(), fr: randomUUID(), es: randomUUID() }
let world: E2eWorld

beforeAll(async () => {
  world = await startE2eWorld('unreadable', ADMIN)
  await world.stopServer()
  for (const id of Object.values(noticeIds)) await storeInvalidNotice(world.dataDir, id)
  await world.startServer()
}, 180_000)

afterAll(() => world?.close())

const BANNERS: { uiLocale: keyof typeof noticeIds; title: string }[] = [
  { uiLocale: 'en', title: 'Part of this notice could not be read and is not shown.' },
  { uiLocale: 'fr', title: 'Une partie de cet avis n’a pas pu être lue et n’est pas affichée.' },
  { uiLocale: 'es', title: 'Una parte de esta convocatoria no se pudo leer y no se muestra.' },
]

describe('a notice stored invalid, in the editor', () => {
  it.each(BANNERS)(
    'shows the readable part and a banner in $uiLocale saying what could not be read',
    async ({ uiLocale, title }) => {
      const page = await openUserPage(world.browser, { uiLocale })
      await page.goto(`${world.server.url}/`)
      await signInOnPage(page, ADMIN)
      await page.goto(`${world.server.url}/notices/${noticeIds[uiLocale]}`)
      const banner = page.locator('.unreadable-banner')
      await banner.waitFor()
      expect(await banner.textContent()).toContain(title)
      await banner.locator('summary').click()
      const problems = await banner.locator('li').allTextContents()
      expect(problems).toEqual(
        expect.arrayContaining([
          'unknown element "agendaitem": dropped',
          'unknown attribute "onclick" on paragraph: dropped',
          'mark bold cannot have boolean as attributes: dropped',
        ]),
      )
      expect(problems.some((problem) => problem.startsWith('Invalid notice metadata: language:'))).toBe(true)
      const text = page.locator('.notice-text')
      await expect.poll(() => text.textContent()).toContain(READABLE_TEXT)
      expect(await text.textContent()).toContain('Cliquez ici')
      expect(await text.textContent()).not.toContain('Point inconnu')
      if (uiLocale === 'en') {
        await page.setViewportSize({ width: 1440, height: 900 })
        await screenshot(page, 'unreadable-parts-1440')
        await page.setViewportSize({ width: 390, height: 844 })
        await screenshot(page, 'unreadable-parts-390')
      }
      expect(errorsOf(page)).toEqual([])
      await page.context().close()
    },
    120_000,
  )
})
