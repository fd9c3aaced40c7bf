/**
 * Comments made at every boundary of the text stay on the words they were made on: the very start
 * and end of the notice, the start and end of an item's title and of its body. Each is made from
 * a selection as a mouse drag gives it, in real headless Chromium against the real server, and is
 * checked as shown (highlighted, not "Text deleted") before and after a reload.
 */
import type { RunningServer } from '@convene/server'
import type { Browser, Page } from 'playwright-core'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { createSampleNotice, errorsOf, openUserPage, signInOnPage, waitForSyncedEditor } from './browser'
import { type E2eWorld, startE2eWorld } from './e2e-world'

const ADMIN = { username: 'secretariat', password: 'anchors-e2e-admin-password' }

let world: E2eWorld
let server: RunningServer
let browser: Browser
let page: Page
let noticeUrl: string

/** Where a selection is made: in the `index`th element matching `selector`, its first or last `length` characters. */
type Boundary = { name: string; selector: string; index: number; edge: 'start' | 'end'; length: number }

const BOUNDARIES: Boundary[] = [
  { name: 'the start of the notice', selector: '.notice-text > p', index: 0, edge: 'start', length: 29 },
  { name: 'the end of the notice', selector: '.notice-text p', index: -1, edge: 'end', length: 12 },
  {
    name: 'the start of a title',
    selector: '.notice-text h2[data-type="agenda-title"]',
    index: 1,
    edge: 'start',
    length: 9,
  },
  {
    name: 'the end of a title',
    selector: '.notice-text h2[data-type="agenda-title"]',
    index: 1,
    edge: 'end',
    length: 9,
  },
  {
    name: 'the start of an item’s body',
    selector: '.notice-text [data-type="agenda-item"] > p',
    index: 0,
    edge: 'start',
    length: 10,
  },
]

/** Selects, as a mouse drag would, the characters of `boundary`, and answers the selected text. */
async function select(boundary: Boundary): Promise<string> {
  const text = await page.evaluate(({ selector, index, edge, length }) => {
    // Only blocks that start (or end) with plain text: a speaker or symbol is selected as a whole.
    const all = Array.from(document.querySelectorAll(selector)).filter((block) => {
      const children = Array.from(block.childNodes).filter(
        (child) => !(child instanceof Element && child.matches('.agenda-number, .collab-caret')),
      )
      return (edge === 'start' ? children[0] : children.at(-1))?.nodeType === Node.TEXT_NODE
    })
    const element = all.at(index) as HTMLElement
    // The item number is a decoration, not text of the notice.
    const walker = document.createTreeWalker(element, NodeFilter.SHOW_TEXT, {
      acceptNode: (node) =>
        node.parentElement?.closest('.agenda-number, .collab-caret')
          ? NodeFilter.FILTER_REJECT
          : NodeFilter.FILTER_ACCEPT,
    })
    const nodes: Text[] = []
    for (let node = walker.nextNode(); node; node = walker.nextNode()) nodes.push(node as Text)
    const node = edge === 'start' ? nodes[0] : nodes.at(-1)
    if (!node) throw new Error(`${selector} #${index} has no text`)
    const range = document.createRange()
    const size = node.length
    range.setStart(node, edge === 'start' ? 0 : size - length)
    range.setEnd(node, edge === 'start' ? length : size)
    document.getSelection()?.removeAllRanges()
    document.getSelection()?.addRange(range)
    return range.toString()
  }, boundary)
  await page.waitForTimeout(100) // ProseMirror reads the selection on the next selectionchange event
  return text
}

type ShownThread = { quote: string; detached: boolean }

const byQuote = (threads: ShownThread[]) => [...threads].sort((a, b) => a.quote.localeCompare(b.quote))

/** The thread cards of the comments panel (listed in text order), as their quote and whether they are detached, by quote. */
async function shownThreads(): Promise<ShownThread[]> {
  const threads = await page.$$eval('.comments-panel > .comments-panel__list .thread', (cards) =>
    cards.map((thread) => ({
      quote: thread.querySelector('.thread__quote-text')?.textContent ?? '',
      detached: thread.hasAttribute('data-detached'),
    })),
  )
  return byQuote(threads)
}

beforeAll(async () => {
  world = await startE2eWorld('anchors', ADMIN)
  server = world.server
  browser = world.browser
  page = await openUserPage(browser, { uiLocale: 'en' })
  await page.goto(`${server.url}/`)
  await signInOnPage(page, ADMIN)
  noticeUrl = `${server.url}/notices/${await createSampleNotice(page, server.url)}`
  await page.goto(noticeUrl)
  await waitForSyncedEditor(page)
  await page.getByRole('tab', { name: /^Comments/ }).click()
})

afterAll(() => world?.close())

describe('a comment at a boundary of the text', () => {
  const expected: ShownThread[] = []

  for (const boundary of BOUNDARIES) {
    it(`stays on its words at ${boundary.name}`, async () => {
      const words = (await select(boundary)).trim()
      await page.keyboard.press('Control+Alt+m')
      const box = page.getByRole('textbox', { name: /^Your comment on/ })
      await box.fill(`On ${boundary.name}.`)
      await box.press('Control+Enter')
      expected.push({ quote: words, detached: false })
      await expect.poll(shownThreads).toEqual(byQuote(expected))
      expect(
        await page.locator('.notice-text .comment-highlight', { hasText: words }).count(),
      ).toBeGreaterThan(0)
    })
  }

  it('keeps every one on its words after a reload', async () => {
    await page.reload()
    await waitForSyncedEditor(page)
    await page.getByRole('tab', { name: /^Comments/ }).click()
    await expect.poll(shownThreads).toEqual(byQuote(expected))
    expect(errorsOf(page)).toEqual([])
  })
})
