/**
 * Accounts, roles and inline review comments in real headless Chromium against the real server:
 * an administrator creates the reviewer's account on the accounts page, the owner shares the
 * sample notice with her from the sharing dialog, and the reviewer, whose text is read-only (typing
 * changes nothing, in the browser or on the server), comments on the symbol INF/MSME/4/Rev.2 and on
 * item 3.2. The editor sees both within a second, replies and resolves one; comments follow the
 * text as it is edited, a comment on deleted text stays, detached, and everything survives a
 * reload. Screenshots of each screen go to tests/artifacts/.
 */
import type { RunningServer } from '@convene/server'
import type { Browser, Page } from 'playwright-core'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { errorsOf, openUserPage, screenshot, signInOnPage, waitForSyncedEditor } from './browser'
import { type E2eWorld, startE2eWorld } from './e2e-world'

const ADMIN = { username: 'secretariat', password: 'review-e2e-admin-password' }
const ELENA = { username: 'elena', password: 'elena-e2e-password', displayName: 'Elena Ruiz' }
const RITA = { username: 'rita', password: 'rita-e2e-password', displayName: 'Rita Okafor' }
const SYMBOL = 'INF/MSME/4/Rev.2'
const ITEM_32 = 'Investissement des MPME'
const ON_SYMBOL = 'Is Rev.2 still the current revision? Rev.3 was circulated in February.'
const ON_ITEM_FIRST = 'Please name the moderator.'
const ON_ITEM = 'Please name the moderator of this session.'
const REPLY = 'Checked: Rev.2 is current. <b>Not bold</b> <img src=x onerror="window.__injected=1">'

let server: RunningServer
let browser: Browser
let world: E2eWorld
let admin: Page
/** The editor (and owner of the notice). */
let elena: Page
/** The reviewer. */
let rita: Page
let noticeUrl: string
let noticeId: string

/** The notice's text and details as the server has them, read with `page`'s session. */
async function serverNotice(page: Page): Promise<string> {
  const response = await page
    .context()
    .request.get(`${server.url}/api/notices/${encodeURIComponent(noticeId)}`)
  expect(response.status(), await response.text()).toBe(200)
  const { content, meta } = (await response.json()) as { content: unknown; meta: unknown }
  return JSON.stringify({ content, meta })
}

/** The text of the notice as `page` shows it (without other people's caret labels). */
function shownText(page: Page): Promise<string> {
  return page.$eval('.notice-text', (element) => {
    const copy = element.cloneNode(true) as HTMLElement
    copy.querySelectorAll('.collab-caret').forEach((caret) => {
      caret.remove()
    })
    return copy.textContent ?? ''
  })
}

/** The thread cards of the comments panel of `page`, as their quote and comment texts. */
function shownThreads(page: Page, list: 'open' | 'resolved' = 'open') {
  const scope = list === 'open' ? '.comments-panel > .comments-panel__list' : '.comments-panel__resolved'
  return page.$$eval(`${scope} .thread`, (threads) =>
    threads.map((thread) => ({
      quote: thread.querySelector('.thread__quote-text')?.textContent ?? '',
      comments: Array.from(thread.querySelectorAll('.comment__text'), (p) => p.textContent ?? ''),
      detached: thread.hasAttribute('data-detached'),
    })),
  )
}

/** The comments tab of `page`, opened. */
async function openCommentsTab(page: Page) {
  await page.getByRole('tab', { name: /^Comments/ }).click()
  return page.locator('.comments-panel')
}

beforeAll(async () => {
  world = await startE2eWorld('review', ADMIN, [ELENA])
  server = world.server
  browser = world.browser
})

afterAll(() => world?.close())

describe('reviewing the sample notice', () => {
  it('asks for a sign-in, then shows the accounts page it was asked for, with the server’s errors under their fields', async () => {
    admin = await openUserPage(browser, { uiLocale: 'en' })
    await admin.goto(`${server.url}/admin`)
    await admin.locator('form.sign-in-form').waitFor()
    await screenshot(admin, 'sign-in-page')

    // A wrong password is refused in words, and the password field is emptied for another try.
    await admin.getByLabel('Username').fill(ADMIN.username)
    await admin.getByLabel('Password').fill('not-the-password')
    await admin.getByRole('button', { name: 'Sign in' }).click()
    await expect
      .poll(() => admin.getByRole('alert').textContent())
      .toBe('The username or the password is not right. Check both and try again.')
    await signInOnPage(admin, ADMIN)
    expect(new URL(admin.url()).pathname).toBe('/admin')
    await admin.getByRole('heading', { name: 'Accounts', level: 1 }).waitFor()

    const form = admin.locator('.admin-page__create')
    await form.getByLabel('Username').fill(RITA.username)
    await form.getByLabel('Display name').fill(RITA.displayName)
    await form.getByLabel('Password').fill('short')
    await form.getByRole('button', { name: 'Create the account' }).click()
    const password = form.getByLabel('Password')
    await expect.poll(() => password.getAttribute('aria-invalid')).toBe('true')
    const passwordError = form.locator('.field--invalid .field__error')
    expect(await passwordError.count()).toBe(1)
    expect(await passwordError.textContent()).toMatch(/10/)
    expect(await form.getByLabel('Username').getAttribute('aria-invalid')).toBeNull()
    await screenshot(admin, 'admin-page-error')

    await password.fill(RITA.password)
    await form.getByRole('button', { name: 'Create the account' }).click()
    await admin.locator('.account-table tr[data-new]', { hasText: RITA.displayName }).waitFor()
    expect(await form.getByRole('status').textContent()).toBe('Account created: Rita Okafor (rita).')
    await screenshot(admin, 'admin-page')
  })

  it('lets the owner share the notice with the reviewer from the sharing dialog', async () => {
    elena = await openUserPage(browser, { uiLocale: 'en' })
    await elena.goto(`${server.url}/`)
    await signInOnPage(elena, ELENA)
    await elena.getByRole('button', { name: 'New from the sample' }).click()
    await elena.waitForURL(/\/notices\/[^/]+$/)
    noticeUrl = elena.url()
    noticeId = decodeURIComponent(noticeUrl.split('/').pop() ?? '')
    await waitForSyncedEditor(elena)

    await elena.getByRole('button', { name: 'Share' }).click()
    const dialog = elena.getByRole('dialog', { name: /^Share “/ })
    await dialog.waitFor()
    await dialog.getByLabel('Add a person').fill('nobody')
    await dialog.getByRole('button', { name: 'Add', exact: true }).click()
    await expect
      .poll(() => dialog.locator('.field__error').textContent())
      .toContain('There is no account “nobody”')

    await dialog.getByLabel('Add a person').fill(RITA.username)
    await dialog.getByLabel('Role', { exact: true }).selectOption('reviewer')
    await dialog.getByRole('button', { name: 'Add', exact: true }).click()
    const ritaRole = dialog.getByLabel(`Role of ${RITA.displayName}`)
    await ritaRole.waitFor()
    expect(await ritaRole.inputValue()).toBe('reviewer')
    expect(await dialog.getByLabel(`Role of ${ELENA.displayName}`).inputValue()).toBe('owner')
    await screenshot(elena, 'sharing-dialog')
    await dialog.getByRole('button', { name: 'Done' }).click()
    await dialog.waitFor({ state: 'hidden' })
  })

  it('opens the notice read-only for the reviewer: typing changes nothing, in the browser and on the server', async () => {
    rita = await openUserPage(browser, { uiLocale: 'en' })
    await rita.goto(noticeUrl)
    await signInOnPage(rita, RITA)
    expect(rita.url()).toBe(noticeUrl)
    await waitForSyncedEditor(rita)
    await rita.getByText('Reviewer — you can comment').waitFor()
    expect(await rita.locator('.notice-text').getAttribute('contenteditable')).toBe('false')
    expect(await rita.getByRole('button', { name: 'Add item' }).count()).toBe(0)
    expect(await rita.getByRole('button', { name: 'Comment' }).count()).toBe(1)

    const textBefore = await shownText(rita)
    const serverBefore = await serverNotice(rita)
    await rita.getByRole('button', { name: /^Item 3\.2: / }).click()
    await rita.keyboard.type('XYZ')
    for (const key of [
      'Enter',
      'Backspace',
      'Delete',
      'Control+Enter',
      'Control+Shift+Enter',
      'Alt+Shift+ArrowUp',
    ]) {
      await rita.keyboard.press(key)
    }
    await rita.evaluate(() => {
      const data = new DataTransfer()
      data.setData('text/plain', 'collé par la relectrice')
      document
        .querySelector('.notice-text')
        ?.dispatchEvent(new ClipboardEvent('paste', { clipboardData: data, bubbles: true, cancelable: true }))
    })
    await rita.waitForTimeout(500)
    expect(await shownText(rita)).toBe(textBefore)
    expect(await serverNotice(rita)).toBe(serverBefore)
    expect(await shownText(elena)).toBe(textBefore)

    // The details are shown, not editable.
    await rita.getByRole('tab', { name: 'Details' }).click()
    expect(await rita.locator('.meta-panel').getByLabel('Place').getAttribute('readonly')).toBe('')
    expect(await rita.locator('.connection[data-status="connected"]').count()).toBe(1)
  })

  it('lets the reviewer comment on the symbol INF/MSME/4/Rev.2 with the toolbar and on item 3.2 with Ctrl+Alt+M', async () => {
    const panel = await openCommentsTab(rita)
    // A plain click selects the symbol (an atom) as a whole; the toolbar button comments on it.
    await rita.locator(`.notice-text .document-symbol[data-symbol="${SYMBOL}"]`).first().click()
    await rita.getByRole('button', { name: 'Comment' }).click()
    let box = panel.getByRole('textbox', { name: `Your comment on “${SYMBOL}”` })
    await box.waitFor()
    expect(await rita.locator('.comment-highlight--draft').count()).toBe(1)
    await box.fill(ON_SYMBOL)
    await box.press('Control+Enter')
    await expect
      .poll(() => shownThreads(rita))
      .toEqual([{ quote: SYMBOL, comments: [ON_SYMBOL], detached: false }])

    // From the keyboard: the outline puts the cursor in the item's title, the shortcut comments on it.
    await rita.getByRole('button', { name: /^Item 3\.2: / }).click()
    await rita.keyboard.press('Control+Alt+m')
    box = panel.getByRole('textbox', { name: `Your comment on “${ITEM_32}”` })
    await box.waitFor()
    expect(await box.evaluate((element) => element === document.activeElement)).toBe(true)
    await rita.keyboard.type(ON_ITEM_FIRST)
    await panel.getByRole('button', { name: 'Comment', exact: true }).click()
    // She rewords it: her own comments can be edited.
    const itemThread = panel.locator('.thread', { hasText: ITEM_32 })
    await itemThread.getByRole('button', { name: 'Edit' }).click()
    const edit = itemThread.getByRole('textbox', { name: 'Edit your comment' })
    await edit.fill(ON_ITEM)
    await edit.press('Control+Enter')

    // Listed in the order of their passages: the symbol (item 2) before item 3.2.
    await expect
      .poll(() => shownThreads(rita))
      .toEqual([
        { quote: SYMBOL, comments: [ON_SYMBOL], detached: false },
        { quote: ITEM_32, comments: [ON_ITEM], detached: false },
      ])
    expect(
      await rita.locator(`.notice-text .document-symbol.comment-highlight[data-symbol="${SYMBOL}"]`).count(),
    ).toBe(1)
    expect(await rita.locator('.notice-text h2 .comment-highlight', { hasText: ITEM_32 }).count()).toBe(1)
    await screenshot(rita, 'reviewer-read-only')
  })

  it('shows both comments to the editor within a second, highlighted in the text', async () => {
    const started = Date.now()
    await elena.getByRole('tab', { name: 'Comments (2)' }).waitFor({ timeout: 1000 })
    expect(Date.now() - started).toBeLessThan(1000)
    await openCommentsTab(elena)
    expect((await shownThreads(elena)).map((t) => t.quote)).toEqual([SYMBOL, ITEM_32])
    expect(
      await elena.locator('.thread', { hasText: ON_ITEM }).locator('.comment__edited').textContent(),
    ).toBe('(edited)')
    expect(await elena.locator('.notice-text .comment-highlight').count()).toBe(2)
    await elena
      .locator('.thread', { hasText: ON_SYMBOL })
      .getByRole('button', { name: /^Show in the notice/ })
      .click()
    await screenshot(elena, 'editor-comments')
  })

  it('lets the editor reply (as plain text) and resolve; the reviewer sees both at once', async () => {
    const symbolThread = elena.locator('.thread', { hasText: ON_SYMBOL })
    await symbolThread.getByRole('button', { name: /^Show in the notice/ }).click()
    expect(await symbolThread.getAttribute('data-active')).toBe('true')
    const reply = symbolThread.getByRole('textbox', { name: 'Reply to Rita Okafor' })
    await reply.fill(REPLY)
    await symbolThread.getByRole('button', { name: 'Reply', exact: true }).click()

    const itemThread = elena.locator('.thread', { hasText: ON_ITEM })
    await itemThread.getByRole('button', { name: 'Resolve' }).click()

    const started = Date.now()
    await expect
      .poll(() => shownThreads(rita), { timeout: 1000, interval: 50 })
      .toEqual([{ quote: SYMBOL, comments: [ON_SYMBOL, REPLY], detached: false }])
    expect(Date.now() - started).toBeLessThan(1000)
    expect(await rita.locator('.comments-panel__resolved summary').textContent()).toBe('1 resolved')
    // The reply is text: its markup is shown, never run.
    const shownReply = rita.locator('.comment__text', { hasText: 'Checked: Rev.2 is current.' })
    expect(await shownReply.locator('b, img').count()).toBe(0)
    expect(await rita.evaluate(() => (window as { __injected?: number }).__injected)).toBeUndefined()
    // A resolved thread is no longer highlighted in the text.
    await expect.poll(() => rita.locator('.notice-text .comment-highlight').count()).toBe(1)
  })

  it('keeps a comment on its passage while the text around it changes, and keeps a comment on deleted text, detached', async () => {
    // Elena types just before the commented symbol: the highlight stays on the symbol alone.
    const symbol = elena.locator(`.notice-text .document-symbol[data-symbol="${SYMBOL}"]`).first()
    await symbol.click()
    await elena.keyboard.press('ArrowLeft')
    await elena.keyboard.type('le document ')
    await expect.poll(() => shownText(rita)).toContain(`le document ${SYMBOL}`)
    const highlighted = rita.locator('.notice-text .comment-highlight')
    await expect.poll(() => highlighted.allTextContents()).toEqual([SYMBOL])

    // Elena comments on the words she typed (selected as a mouse drag would), then deletes them:
    // the thread stays, as "Text deleted", with the words it was made on.
    const phrase = 'le document '
    await elena.evaluate((text) => {
      const walker = document.createTreeWalker(
        document.querySelector('.notice-text') as Node,
        NodeFilter.SHOW_TEXT,
      )
      for (let node = walker.nextNode(); node; node = walker.nextNode()) {
        const at = node.textContent?.indexOf(text) ?? -1
        if (at < 0) continue
        const range = document.createRange()
        range.setStart(node, at)
        range.setEnd(node, at + text.length)
        document.getSelection()?.removeAllRanges()
        document.getSelection()?.addRange(range)
        return
      }
      throw new Error(`"${text}" is not in the text`)
    }, phrase)
    await expect.poll(() => elena.evaluate(() => document.getSelection()?.toString())).toBe(phrase)
    await elena.waitForTimeout(100) // ProseMirror reads the selection on the next selectionchange event
    await elena.keyboard.press('Control+Alt+m')
    const box = elena.getByRole('textbox', { name: 'Your comment on “le document”' })
    await box.fill('Redundant: the symbol says it.')
    await box.press('Control+Enter')
    await expect.poll(() => shownThreads(rita).then((threads) => threads.length)).toBe(2)

    await symbol.click()
    await elena.keyboard.press('ArrowLeft')
    for (let i = 0; i < phrase.length; i++) await elena.keyboard.press('Backspace')
    await expect.poll(() => shownText(rita)).not.toContain(`le document ${SYMBOL}`)
    for (const page of [elena, rita]) {
      await expect
        .poll(() => shownThreads(page))
        .toEqual([
          { quote: SYMBOL, comments: [ON_SYMBOL, REPLY], detached: false },
          { quote: 'le document', comments: ['Redundant: the symbol says it.'], detached: true },
        ])
    }
    expect(await rita.locator('.thread[data-detached] .thread__detached').textContent()).toBe('Text deleted')
    await expect.poll(() => highlighted.allTextContents()).toEqual([SYMBOL])
    await screenshot(elena, 'editor-comments-detached')
  })

  it('keeps the replies, the resolved thread and the highlights after a reload', async () => {
    for (const page of [elena, rita]) {
      await page.reload()
      await waitForSyncedEditor(page)
      await openCommentsTab(page)
      await expect
        .poll(() => shownThreads(page))
        .toEqual([
          { quote: SYMBOL, comments: [ON_SYMBOL, REPLY], detached: false },
          { quote: 'le document', comments: ['Redundant: the symbol says it.'], detached: true },
        ])
      await page.locator('.comments-panel__resolved summary').click()
      expect(await shownThreads(page, 'resolved')).toEqual([
        { quote: ITEM_32, comments: [ON_ITEM], detached: false },
      ])
      expect(await page.locator('.notice-text .comment-highlight').allTextContents()).toEqual([SYMBOL])
    }
    expect(await rita.locator('.notice-text').getAttribute('contenteditable')).toBe('false')
  })

  it('follows a role change at once: a reviewer made viewer can no longer comment, and is told why', async () => {
    await elena.getByRole('button', { name: 'Share' }).click()
    const dialog = elena.getByRole('dialog', { name: /^Share “/ })
    await dialog.getByLabel(`Role of ${RITA.displayName}`).selectOption('viewer')
    await expect.poll(() => dialog.getByRole('status').textContent()).toBe('Rita Okafor is now viewer.')
    await dialog.getByRole('button', { name: 'Done' }).click()

    await rita.getByText('Viewer — read only').waitFor({ timeout: 10_000 })
    expect(await rita.getByRole('alert').textContent()).toBe(
      'Your role on this notice has changed: you are now viewer.',
    )
    await waitForSyncedEditor(rita)
    expect(await rita.getByRole('button', { name: 'Comment' }).count()).toBe(0)
    await openCommentsTab(rita)
    await expect.poll(() => shownThreads(rita).then((threads) => threads.length)).toBe(2)
    expect(await rita.locator('.comments-panel textarea').count()).toBe(0)
    expect(await rita.locator('.comments-panel').getByRole('button', { name: 'Resolve' }).count()).toBe(0)
    await screenshot(rita, 'viewer-read-only')
  })

  it('asks the reviewer to sign in again when her session is ended, and carries on where she was', async () => {
    const revoked = await admin.context().request.delete(`${server.url}/api/users/${RITA.username}/sessions`)
    expect(revoked.status(), await revoked.text()).toBe(200)
    const dialog = rita.getByRole('dialog', { name: 'Sign in again' })
    await dialog.waitFor({ timeout: 10_000 })
    expect(await dialog.getByLabel('Username').inputValue()).toBe(RITA.username)
    await dialog.getByLabel('Password').fill(RITA.password)
    await dialog.getByRole('button', { name: 'Sign in' }).click()
    await dialog.waitFor({ state: 'detached' })
    expect(rita.url()).toBe(noticeUrl)
    await rita.locator('.connection[data-status="connected"]').waitFor({ timeout: 10_000 })
    expect(await rita.locator('.notice-text').getAttribute('contenteditable')).toBe('false')
  })

  it('raised no error in any page', () => {
    expect(errorsOf(admin)).toEqual([])
    expect(errorsOf(elena)).toEqual([])
    expect(errorsOf(rita)).toEqual([])
  })
})
