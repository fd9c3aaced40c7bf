import { mkdtempSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { startServer } from '@convene/server'
import { launchBrowser, openUserPage, signInOnPage, waitForSyncedEditor } from './e2e/browser'

const dataDir = mkdtempSync(join(tmpdir(), 'convene-x-'))
const server = await startServer({ port: 0, dataDir, logLevel: 'warn' })
const browser = await launchBrowser()
const chen = server.demoAccounts.find((a) => a.username === 'chen')!
const rp = await openUserPage(browser, { uiLocale: 'en' })
rp.on('console', (m) => console.log('R console:', m.type(), m.text()))
await rp.goto(server.url)
await signInOnPage(rp, chen)
await rp.locator('.notice-table__link').first().click()
await waitForSyncedEditor(rp)
await rp.getByRole('button', { name: /^Item 3\.2: / }).click()
console.log(await rp.evaluate(() => `${document.activeElement?.tagName} ${document.activeElement?.className} tabindex=${document.activeElement?.getAttribute('tabindex')}`))
console.log(await rp.evaluate(() => document.querySelector('.notice-text')?.outerHTML.slice(0, 300)))
await rp.evaluate(() => document.addEventListener('keydown', (e) => console.log('keydown', e.key, e.ctrlKey, e.altKey, (e.target as Element).className), true))
await rp.keyboard.press('Control+Alt+m')
await rp.waitForTimeout(500)
console.log(await rp.locator('.comments-panel').innerText())
await browser.close()
await server.close()
