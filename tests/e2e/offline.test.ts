/**
 * Work that is never lost, in real headless Chromium against the real server: an editor who goes
 * offline keeps typing (the indicator counts the changes waiting), another moves the item meanwhile
 * (by keyboard, then by a drag in the outline), and the text lands in the moved item, once, in
 * both windows; a tab closed while offline gives its changes back when reopened; a client closed
 * for going over the message rate (4429) comes back and resends, and bulk edits stay under it.
 */
import type { RunningServer } from '@convene/server'
import type { Browser, BrowserContext, Page } from 'playwright-core'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { errorsOf, openUserPage, screenshot, signInOnPage, waitForSyncedEditor } from './browser'
import { type E2eWorld, startE2eWorld } from './e2e-world'

const ADMIN = { username: 'secretariat', password: 'offline-e2e-admin-password' }
const ANNA = { username: 'hanna', password: 'hanna-e2e-password', displayName: 'Hanna Berg' }
const BRUNO = { username: 'kofi', password: 'kofi-e2e-password', displayName: 'Kofi Mensah' }

let server: RunningServer
let browser: Browser
let world: E2eWorld
/** Window A (Anna) moves items; window B (Bruno) goes offline and types. */
let anna: Page
let bruno: Page
let noticeUrl: string

/** Records the close code of every websocket the page sees closing, in `window.closeCodes`. */
async function recordCloseCodes(context: BrowserContext): Promise<void> {
  await context.addInitScript(() => {
    const codes: number[] = []
    Object.assign(window, { closeCodes: codes })
    const Native = window.WebSocket
    window.WebSocket = class extends Native {
      constructor(url: string | URL, protocols?: string | string[]) {
        super(url, protocols)
        this.addEventListener('close', (event) => codes.push(event.code))
      }
    }
  })
}

function closeCodes(page: Page): Promise<number[]> {
  return page.evaluate(() => (window as unknown as { closeCodes: number[] }).closeCodes)
}

/** The text of the body blocks (not the title, not the sub-items) of the item numbered `number`. */
function bodyOf(page: Page, number: string): Promise<string | null> {
  return page.evaluate((wanted) => {
    for (const item of document.querySelectorAll('.notice-text section[data-type="agenda-item"]')) {
      const title = item.querySelector(':scope > h2[data-type="agenda-title"]')
      if (title?.querySelector('.agenda-number')?.textContent !== wanted) continue
      const blocks = [...item.children].filter((child) => child !== title && child.tagName !== 'SECTION')
      return blocks
        .map((block) => {
          const copy = block.cloneNode(true) as HTMLElement
          for (const caret of copy.querySelectorAll('.collab-caret')) caret.remove()
          return copy.textContent ?? ''
        })
        .join('\n')
    }
    return null
  }, number)
}

/** The title of the item numbered `number` as shown in the outline. */
function outlineTitle(page: Page, number: string): Promise<string | null> {
  return page.evaluate((wanted) => {
    for (const link of document.querySelectorAll('.outline__link')) {
      if (link.querySelector('.outline__number')?.textContent === wanted)
        return link.querySelector('.outline__title')?.textContent ?? ''
    }
    return null
  }, number)
}

/** Puts the cursor at the end of the first body paragraph of the item numbered `number`. */
async function clickEndOfBody(page: Page, number: string): Promise<void> {
  const paragraph = page
    .locator('.notice-text section[data-type="agenda-item"]')
    .filter({ has: page.locator(`:scope > h2 .agenda-number:text-is("${number}")`) })
    .locator(':scope > p')
    .first()
  await paragraph.click()
  // End goes to the end of the visual line; the selection is put after the last character instead.
  await paragraph.evaluate((element) => {
    const range = document.createRange()
    range.selectNodeContents(element)
    range.collapse(false)
    document.getSelection()?.removeAllRanges()
    document.getSelection()?.addRange(range)
  })
}

/** How many times `text` occurs in the whole notice text of `page`. */
function occurrences(page: Page, text: string): Promise<number> {
  return page.evaluate(
    (wanted) => (document.querySelector('.notice-text')?.textContent ?? '').split(wanted).length - 1,
    text,
  )
}

/** Waits until `page` confirms that the server has every change. */
function waitForAllSaved(page: Page, timeout = 5000): Promise<unknown> {
  return page.locator('.connection[data-status="connected"]:not([data-pending])').waitFor({ timeout })
}

async function openNotice(credentials: typeof ANNA, url: string): Promise<Page> {
  const page = await openUserPage(browser, { uiLocale: 'en' })
  await recordCloseCodes(page.context())
  await page.goto(url)
  await signInOnPage(page, credentials)
  await waitForSyncedEditor(page)
  return page
}

async function newSharedNotice(): Promise<string> {
  await anna.goto(`${server.url}/`)
  await anna.getByRole('button', { name: 'New from the sample' }).click()
  await anna.waitForURL(/\/notices\/[^/]+$/)
  await waitForSyncedEditor(anna)
  const noticeId = decodeURIComponent(anna.url().split('/').pop() ?? '')
  const shared = await anna
    .context()
    .request.put(`${server.url}/api/notices/${encodeURIComponent(noticeId)}/members/${BRUNO.username}`, {
      data: { role: 'editor' },
    })
  expect(shared.status(), await shared.text()).toBe(200)
  return anna.url()
}

beforeAll(async () => {
  world = await startE2eWorld('offline', ADMIN, [ANNA, BRUNO])
  server = world.server
  browser = world.browser
  anna = await openUserPage(browser, { uiLocale: 'en' })
  await recordCloseCodes(anna.context())
  await anna.goto(`${server.url}/`)
  await signInOnPage(anna, ANNA)
  noticeUrl = await newSharedNotice()
  bruno = await openNotice(BRUNO, noticeUrl)
}, 180_000)

afterAll(() => world?.close())

describe('working offline while others reorder the agenda', () => {
  it('puts what B typed offline in item 3.1 into that item after A moved it to 3.2, once, within 2 s', async () => {
    const movedTitle = await outlineTitle(anna, '3.1')
    expect(movedTitle).toBeTruthy()
    await bruno.context().setOffline(true)
    await bruno.locator('.connection[data-status="offline"]').waitFor()
    await clickEndOfBody(bruno, '3.1')
    const typed = ' Typed by Bruno while offline.'
    await bruno.keyboard.type(typed)
    await bruno.locator('.connection[data-status="offline"][data-pending]').waitFor()
    expect(await bruno.locator('.connection').textContent()).toMatch(/Offline\s*\d+ changes? waiting/)
    await screenshot(bruno, 'offline-changes-waiting')

    await anna.getByRole('button', { name: /^Item 3\.1: / }).click()
    await anna.keyboard.press('Alt+Shift+ArrowDown')
    await expect.poll(() => outlineTitle(anna, '3.2')).toBe(movedTitle)

    await bruno.context().setOffline(false)
    const online = Date.now()
    for (const page of [anna, bruno]) {
      await page.waitForFunction(
        ([wanted]) => (document.querySelector('.notice-text')?.textContent ?? '').includes(wanted as string),
        [typed.trim()],
        { timeout: Math.max(1, 2000 - (Date.now() - online)), polling: 'raf' },
      )
    }
    expect(Date.now() - online).toBeLessThan(2000)
    for (const page of [anna, bruno]) {
      expect(await outlineTitle(page, '3.2')).toBe(movedTitle)
      expect(await bodyOf(page, '3.2')).toContain(typed.trim())
      expect(await occurrences(page, typed.trim())).toBe(1)
    }
    await waitForAllSaved(bruno)
    expect(await bruno.locator('.connection').textContent()).toContain('All changes saved')
  })

  it('does the same when A drags 3.1 below 3.2 in the outline, the drop line showing level 2 as 3.2', async () => {
    const movedTitle = await outlineTitle(anna, '3.1')
    await bruno.context().setOffline(true)
    await bruno.locator('.connection[data-status="offline"]').waitFor()
    await clickEndOfBody(bruno, '3.1')
    const typed = ' Typed by Bruno offline during a drag.'
    await bruno.keyboard.type(typed)
    await bruno.locator('.connection[data-pending]').waitFor()

    const source = anna.locator('.outline__entry', { has: anna.locator('.outline__number:text-is("3.1")') })
    const target = anna.locator('.outline__entry', { has: anna.locator('.outline__number:text-is("3.2")') })
    const box = await target.boundingBox()
    if (!box) throw new Error('The outline entry 3.2 is not visible')
    // Over the lower half of 3.2, at the indentation of level 2.
    const at = { x: 24, y: box.height * 0.8 }
    await source.hover()
    await anna.mouse.down()
    await target.hover({ position: at })
    await target.hover({ position: { x: at.x + 1, y: at.y } })
    const line = anna.locator('.outline__drop')
    await line.waitFor()
    expect(await line.getAttribute('data-level')).toBe('2')
    expect(await line.textContent()).toBe('Becomes 3.2')
    await screenshot(anna, 'outline-drop-indicator')
    await anna.mouse.up()
    await expect.poll(() => outlineTitle(anna, '3.2')).toBe(movedTitle)
    await expect.poll(() => anna.getByTestId('move-announcement').textContent()).toBe('Item 3.1 moved to 3.2')

    await bruno.context().setOffline(false)
    const online = Date.now()
    for (const page of [anna, bruno]) {
      await page.waitForFunction(
        ([wanted]) => (document.querySelector('.notice-text')?.textContent ?? '').includes(wanted as string),
        [typed.trim()],
        { timeout: Math.max(1, 2000 - (Date.now() - online)), polling: 'raf' },
      )
    }
    expect(Date.now() - online).toBeLessThan(2000)
    for (const page of [anna, bruno]) {
      expect(await outlineTitle(page, '3.2')).toBe(movedTitle)
      expect(await bodyOf(page, '3.2')).toContain(typed.trim())
      expect(await occurrences(page, typed.trim())).toBe(1)
    }
    await waitForAllSaved(bruno)
  })

  it('undoes and redoes a move as a move, keeping what the other typed in the item meanwhile', async () => {
    const movedTitle = await outlineTitle(anna, '3.1')
    await anna.getByRole('button', { name: /^Item 3\.1: / }).click()
    await anna.keyboard.press('Alt+Shift+ArrowDown')
    await expect.poll(() => outlineTitle(bruno, '3.2')).toBe(movedTitle)
    await clickEndOfBody(bruno, '3.2')
    const typed = ' Typed by Bruno after the move.'
    await bruno.keyboard.type(typed)
    await waitForAllSaved(bruno)
    await expect.poll(() => occurrences(anna, typed.trim())).toBe(1)

    // Anna's undo takes her move back, not Bruno's typing; redo moves it forward again.
    await anna.keyboard.press('Control+z')
    for (const page of [anna, bruno]) {
      await expect.poll(() => outlineTitle(page, '3.1')).toBe(movedTitle)
      expect(await bodyOf(page, '3.1')).toContain(typed.trim())
      expect(await occurrences(page, typed.trim())).toBe(1)
    }
    await anna.keyboard.press('Control+Shift+z')
    for (const page of [anna, bruno]) {
      await expect.poll(() => outlineTitle(page, '3.2')).toBe(movedTitle)
      expect(await bodyOf(page, '3.2')).toContain(typed.trim())
      expect(await occurrences(page, typed.trim())).toBe(1)
    }
    await waitForAllSaved(anna)
  })

  it('gives back what was typed offline in a tab closed before it could be sent', async () => {
    await bruno.context().setOffline(true)
    await bruno.locator('.connection[data-status="offline"]').waitFor()
    await clickEndOfBody(bruno, '2')
    const typed = ' Kept in the browser across a closed tab.'
    await bruno.keyboard.type(typed)
    await bruno.locator('.connection[data-pending]').waitFor()
    // The browser's copy is written as changes are made; give IndexedDB a moment to commit.
    await bruno.waitForTimeout(300)
    const context = bruno.context()
    await bruno.close()
    expect(await occurrences(anna, typed.trim())).toBe(0)

    await context.setOffline(false)
    bruno = await context.newPage()
    await bruno.goto(noticeUrl)
    await waitForSyncedEditor(bruno)
    await expect.poll(() => occurrences(anna, typed.trim()), { timeout: 5000 }).toBe(1)
    expect(await occurrences(bruno, typed.trim())).toBe(1)
    expect(await bodyOf(anna, '2')).toContain(typed.trim())
    await waitForAllSaved(bruno)
  })
})

describe('the message rate', () => {
  it('adds 100 items as fast as the keyboard goes in far fewer messages than the server allows', async () => {
    const sent: number[] = []
    anna.on('websocket', (socket) => socket.on('framesent', () => sent.push(Date.now())))
    // The open socket predates the listener: reconnect so that this one is watched.
    await anna.reload()
    await waitForSyncedEditor(anna)
    const before = await anna.locator('.outline__link').count()
    await anna.getByRole('button', { name: /^Item 6\.2: / }).click()
    for (let i = 0; i < 100; i++) await anna.keyboard.press('Control+Enter')
    await expect.poll(() => bruno.locator('.outline__link').count(), { timeout: 20_000 }).toBe(before + 100)
    await waitForAllSaved(anna, 10_000)
    // Each command is a transaction and a caret move; batched, at most one message of each per
    // 40 ms window, plus the confirmation probes: far under the server's 200 a second.
    const busiestSecond = Math.max(...sent.map((t) => sent.filter((u) => u >= t && u < t + 1000).length))
    expect(busiestSecond).toBeLessThanOrEqual(60)
    // (A socket of the page being reloaded can end with 1006; the server never closed it for its rate.)
    expect(await closeCodes(anna)).not.toContain(4429)
  }, 120_000)

  it('comes back after a 4429 close and sends what was typed, without the user doing anything', async () => {
    // The same data on a server with a very low message rate: fast typing trips it at once.
    await world.stopServer()
    server = await world.startServer({ maxMessagesPerSecond: 2, maxMessageBurst: 5 })
    await waitForAllSaved(anna, 15_000)
    await waitForAllSaved(bruno, 15_000)
    const closesBefore = (await closeCodes(anna)).length
    await clickEndOfBody(anna, '1')
    const typed = ' Typed faster than the server allows, and kept.'
    for (const character of typed) await anna.keyboard.type(character, { delay: 5 })
    await expect.poll(async () => (await closeCodes(anna)).slice(closesBefore)).toContain(4429)
    // Still editable, and everything reaches the server and the other window.
    expect(await anna.locator('.notice-text').getAttribute('contenteditable')).toBe('true')
    await waitForAllSaved(anna, 15_000)
    await expect.poll(() => occurrences(bruno, typed.trim()), { timeout: 5000 }).toBe(1)
    expect(await occurrences(anna, typed.trim())).toBe(1)
  })
})

describe('pages', () => {
  it('raised no error in either page', () => {
    expect(errorsOf(anna)).toEqual([])
  })
})
