/**
 * A peer's hostile presence leaves the editor page working, in real headless Chromium against the
 * real server: while another connection sends carets Yjs cannot resolve (`{ anchor: {}, head: {} }`,
 * one in the metadata), the page keeps rendering the notice, shows no caret for them, raises no
 * error, and what is typed still reaches the server.
 */
import type { Page } from 'playwright-core'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { RawClient } from '../support/raw-client'
import { collabUrl } from '../support/server-process'
import { createSampleNotice, errorsOf, openUserPage, signInOnPage, waitForSyncedEditor } from './browser'
import { type E2eWorld, startE2eWorld } from './e2e-world'

const ADMIN = { username: 'secretariat', password: 'hostile-e2e-admin-password' }

let world: E2eWorld
let page: Page
let noticeId: string

beforeAll(async () => {
  world = await startE2eWorld('hostile', ADMIN)
  page = await openUserPage(world.browser, { uiLocale: 'en' })
  await page.goto(`${world.server.url}/`)
  await signInOnPage(page, ADMIN)
  noticeId = await createSampleNotice(page, world.server.url)
})

afterAll(() => world?.close())

describe('hostile presence', () => {
  it('leaves the editor rendering and sending edits while a peer sends carets that resolve nowhere', async () => {
    await page.goto(`${world.server.url}/notices/${encodeURIComponent(noticeId)}`)
    await waitForSyncedEditor(page)
    const login = await page.context().request.post(`${world.server.url}/api/auth/login`, { data: ADMIN })
    const { token } = (await login.json()) as { token: string }
    const opened = await RawClient.open(
      `${collabUrl(world.server.url)}/${noticeId}?token=${encodeURIComponent(token)}`,
    )
    const peer = opened.client
    if (!peer) throw new Error(`the peer was refused with ${opened.refused}`)
    expect(await peer.sync()).toBe(true)
    const hostile = [{ anchor: {}, head: {} }, { anchor: { tname: 'meta' }, head: { tname: 'meta' } }, 'x']
    hostile.forEach((cursor, index) => {
      peer.sendAwareness([{ clientId: 4_000_000, clock: index + 1, state: { cursor } }])
    })
    expect(await peer.outcome()).toBe('ok')

    await page.locator('.notice-text p').first().click()
    await page.keyboard.type(' Typed beside a hostile peer')
    await expect
      .poll(
        async () => {
          const response = await page.context().request.get(`${world.server.url}/api/notices/${noticeId}`)
          return JSON.stringify(await response.json())
        },
        { timeout: 10_000 },
      )
      .toContain('Typed beside a hostile peer')
    expect(await page.locator('.notice-text').textContent()).toContain('Typed beside a hostile peer')
    expect(await page.locator('.collab-caret').count()).toBe(0)
    expect(errorsOf(page)).toEqual([])
    peer.close()
  })
})
