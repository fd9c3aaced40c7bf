/**
 * Opening pages as a new user does, in real headless Chromium against the real server: the notice
 * opens without a console warning or error, and the skip link says where it leads on each page.
 */
import type { Page } from 'playwright-core'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import {
  createSampleNotice,
  errorsOf,
  openUserPage,
  signInOnPage,
  waitForSyncedEditor,
  warningsOf,
} from './browser'
import { type E2eWorld, startE2eWorld } from './e2e-world'

const ADMIN = { username: 'secretariat', password: 'open-e2e-admin-password' }

let world: E2eWorld
let page: Page

beforeAll(async () => {
  world = await startE2eWorld('open', ADMIN)
  page = await openUserPage(world.browser, { uiLocale: 'en' })
  await page.goto(`${world.server.url}/`)
  await signInOnPage(page, ADMIN)
})

afterAll(() => world?.close())

describe('opening pages', () => {
  it('skips to the content on the list of notices', async () => {
    await page.locator('.skip-link').focus()
    expect(await page.locator('.skip-link').textContent()).toBe('Skip to the content')
  })

  it('opens the sample notice with no console warning or error, and skips to the notice', async () => {
    const id = await createSampleNotice(page, world.server.url)
    await page.goto(`${world.server.url}/notices/${encodeURIComponent(id)}`)
    await waitForSyncedEditor(page)
    await page.waitForTimeout(500) // what the first render after sync might print
    expect(await page.locator('.skip-link').textContent()).toBe('Skip to the notice')
    expect(warningsOf(page)).toEqual([])
    expect(errorsOf(page)).toEqual([])
  })
})
