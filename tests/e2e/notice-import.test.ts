/**
 * Importing a Word notice in real headless Chromium against the real server: a DOCX (the sample
 * notice's own export) dropped on the notices list is previewed with its outline, speakers and
 * symbols, created, opened, and edited by two people together. Screenshots of the preview at
 * 1440x900 and 390x844 go to tests/artifacts/ for a human look.
 */
import { renderExport } from '@convene/export'
import { sampleNotice } from '@convene/schema'
import type { Page } from 'playwright-core'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import {
  errorsOf,
  openUserPage,
  screenshot,
  seenAgendaTitles,
  signInOnPage,
  waitForSyncedEditor,
} from './browser'
import { type E2eWorld, startE2eWorld } from './e2e-world'

const ADMIN = { username: 'secretariat', password: 'import-e2e-admin-password' }
const AICHA = { username: 'aicha', password: 'aicha-e2e-password', displayName: 'Aïcha Diallo' }
const MARC = { username: 'marc', password: 'marc-e2e-password', displayName: 'Marc Lefèvre' }
const DOCX = 'application/vnd.openxmlformats-officedocument.wordprocessingml.document'
const SAMPLE_NUMBERS = ['1', '2', '3', '3.1', '3.2', '4', '4.1', '4.2', '4.3', '5', '6', '6.1', '6.2']

let world: E2eWorld
let aicha: Page

beforeAll(async () => {
  world = await startE2eWorld('import', ADMIN, [AICHA, MARC])
})

afterAll(() => world?.close())

/** Drops a file on the notices list as a person dragging it from their desktop would. */
async function dropFile(page: Page, name: string, type: string, bytes: Uint8Array): Promise<void> {
  const data = Buffer.from(bytes).toString('base64')
  const transfer = await page.evaluateHandle(
    ({ data, name, type }) => {
      const binary = atob(data)
      const array = new Uint8Array(binary.length)
      for (let i = 0; i < binary.length; i++) array[i] = binary.charCodeAt(i)
      const transfer = new DataTransfer()
      transfer.items.add(new File([array], name, { type }))
      return transfer
    },
    { data, name, type },
  )
  await page.dispatchEvent('main', 'dragover', { dataTransfer: transfer })
  await page.getByText('Drop the file to import it').waitFor()
  await page.dispatchEvent('main', 'drop', { dataTransfer: transfer })
}

describe('importing a Word notice from the notices list', () => {
  it('previews a dropped DOCX with its outline, speakers and symbols, at desktop and phone sizes', async () => {
    const revision = { label: 'Rev.1', hash: 'e2e', createdAt: '2024-03-08T00:00:00Z', frozen: true }
    const docx = await renderExport({ ...sampleNotice, revision }, 'docx')
    aicha = await openUserPage(world.browser, { uiLocale: 'en' })
    await aicha.setViewportSize({ width: 1440, height: 900 })
    await aicha.goto(`${world.server.url}/`)
    await signInOnPage(aicha, AICHA)
    await aicha.getByText('No notices yet.', { exact: false }).waitFor()
    await dropFile(aicha, 'INF-MSME-N-27-Rev.1-fr.docx', DOCX, docx)
    const preview = aicha.getByTestId('import-preview')
    await preview.waitFor()
    await expect
      .poll(() => preview.locator('.import-preview__summary').textContent())
      .toBe('13 agenda items, 10 speakers, 7 document symbols recognised')
    const numbers = await preview.locator('.import-preview__number').allTextContents()
    expect(numbers).toEqual(SAMPLE_NUMBERS)
    expect(await preview.locator('.import-preview__speaker').first().textContent()).toBe(
      'Mme Ralyana Horta Ribeiro, Première Secrétaire de la Mission permanente du Timor-Leste',
    )
    expect(await preview.locator('.import-preview__symbol').allTextContents()).toContain('WT/MIN(24)/9')
    expect(await aicha.getByLabel('Organisation').inputValue()).toBe('WTO')
    expect(await aicha.getByLabel('Notice language').inputValue()).toBe('fr')
    await screenshot(aicha, 'import-preview-1440')
    await aicha.setViewportSize({ width: 390, height: 844 })
    await screenshot(aicha, 'import-preview-390')
    await aicha.setViewportSize({ width: 1440, height: 900 })
  }, 60_000)

  it('creates the notice, opens it, and two people edit it together', async () => {
    await aicha.getByRole('button', { name: 'Create the notice' }).click()
    await aicha.waitForURL(/\/notices\/[^/]+$/)
    await waitForSyncedEditor(aicha)
    expect((await seenAgendaTitles(aicha)).map((entry) => entry.number)).toEqual(SAMPLE_NUMBERS)
    const noticeId = decodeURIComponent(aicha.url().split('/').pop() ?? '')
    const shared = await aicha
      .context()
      .request.put(
        `${world.server.url}/api/notices/${encodeURIComponent(noticeId)}/members/${MARC.username}`,
        {
          data: { role: 'editor' },
        },
      )
    expect(shared.status(), await shared.text()).toBe(200)

    const marc = await openUserPage(world.browser, { uiLocale: 'fr' })
    await marc.goto(aicha.url())
    await signInOnPage(marc, MARC)
    await waitForSyncedEditor(marc)
    await aicha.getByRole('button', { name: /^Item 3: / }).click()
    await aicha.keyboard.press('Control+Shift+Enter')
    await aicha.keyboard.type('Commerce numérique')
    await expect
      .poll(async () => (await seenAgendaTitles(marc)).find((entry) => entry.number === '3.3')?.title, {
        timeout: 5000,
      })
      .toBe('Commerce numérique')
    expect(errorsOf(aicha)).toEqual([])
    expect(errorsOf(marc)).toEqual([])
  }, 60_000)
})
