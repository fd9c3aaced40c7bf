import { mkdtempSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { startServer } from '@convene/server'
import { launchBrowser, openUserPage, screenshot, signInOnPage, waitForSyncedEditor } from './e2e/browser'

const dataDir = mkdtempSync(join(tmpdir(), 'convene-x-'))
const server = await startServer({ port: 0, dataDir, logLevel: 'warn' })
const browser = await launchBrowser()
const chen = server.demoAccounts.find((a) => a.username === 'chen')!
const amina = server.demoAccounts.find((a) => a.username === 'amina')!
const rp = await openUserPage(browser, { uiLocale: 'fr' })
await rp.goto(server.url)
await screenshot(rp, 'x-fr-signin')
await signInOnPage(rp, chen)
await rp.locator('.notice-table__link').first().click()
await waitForSyncedEditor(rp)
await rp.getByRole('button', { name: /^Point 3\.2/ }).click()
await rp.keyboard.press('Control+Alt+m')
await rp.waitForTimeout(300)
await screenshot(rp, 'x-fr-reviewer')
await rp.locator('.user-menu__button').click()
await screenshot(rp, 'x-fr-usermenu')
const ap = await openUserPage(browser, { uiLocale: 'es' })
await ap.goto(server.url)
await signInOnPage(ap, amina)
await ap.locator('.notice-table__link').first().click()
await waitForSyncedEditor(ap)
await ap.getByRole('button', { name: 'Compartir' }).click()
await ap.waitForTimeout(500)
await screenshot(ap, 'x-es-share')
await browser.close()
await server.close()
