/**
 * HTML (a saved web page, or what Word, a browser or another editor puts on the clipboard) as source
 * blocks: one block per paragraph, heading, list entry and table row, with heading levels, list
 * levels and labels, bold and links as hints. Parsed with parse5, which never fetches anything:
 * images, frames, scripts and styles are skipped.
 */
import { type DefaultTreeAdapterTypes, parse } from 'parse5'
import { romanNumeral } from './item-label'
import type { SourceBlock, SourceLink } from './source-block'

type Node = DefaultTreeAdapterTypes.ChildNode
type Element = DefaultTreeAdapterTypes.Element

const SKIPPED = new Set([
  'script',
  'style',
  'head',
  'template',
  'noscript',
  'iframe',
  'object',
  'embed',
  'svg',
  'math',
  'img',
  'video',
  'audio',
  'canvas',
  'select',
  'button',
  'title',
  'meta',
  'link',
])
const BLOCKS = new Set([
  'p',
  'div',
  'h1',
  'h2',
  'h3',
  'h4',
  'h5',
  'h6',
  'li',
  'blockquote',
  'pre',
  'tr',
  'section',
  'article',
  'header',
  'footer',
  'main',
  'nav',
  'aside',
  'table',
  'ul',
  'ol',
  'dl',
  'dt',
  'dd',
  'figure',
  'figcaption',
  'address',
  'body',
  'center',
])
const SAFE_LINK = /^(?:https?:|mailto:)/i

const attribute = (element: Element, name: string) => element.attrs.find((attr) => attr.name === name)?.value

function isBoldElement(element: Element): boolean {
  const style = attribute(element, 'style') ?? ''
  if (/font-weight\s*:\s*(?:normal|[1-5]00)\b/i.test(style)) return false
  return (
    element.tagName === 'b' ||
    element.tagName === 'strong' ||
    /font-weight\s*:\s*(?:bold|[6-9]00)\b/i.test(style)
  )
}

/** The label an `<ol>` prints for its `index`-th entry (`type` and `start` honoured). */
function orderedLabel(list: Element, index: number): string {
  const start = Number(attribute(list, 'start') ?? '1')
  const value = (Number.isFinite(start) ? start : 1) + index
  const type = attribute(list, 'type') ?? '1'
  if (type === 'a' || type === 'A') {
    const letter = String.fromCharCode(96 + Math.min(26, Math.max(1, value)))
    return `${type === 'A' ? letter.toUpperCase() : letter}.`
  }
  if (type === 'i') return `${romanNumeral(value).toLowerCase()}.`
  if (type === 'I') return `${romanNumeral(value)}.`
  return `${value}.`
}

type Buffer = { text: string; links: SourceLink[]; boldChars: number; chars: number }
type Context = { bold: boolean; href?: string; pre: boolean; footnote: boolean }
type ListContext = { level: number; ordered: boolean; label?: string } | undefined

/** The blocks of an HTML document or fragment, in reading order. */
export function htmlBlocks(html: string): SourceBlock[] {
  const blocks: SourceBlock[] = []
  let buffer: Buffer = { text: '', links: [], boldChars: 0, chars: 0 }
  let pending: Omit<SourceBlock, 'text' | 'kind'> = {}

  const flush = () => {
    const raw = buffer.text
    const leading = raw.length - raw.trimStart().length
    const text = raw.trim()
    if (text !== '') {
      const block: SourceBlock = { text, kind: 'paragraph', ...pending }
      const links = buffer.links
        .map((link) => ({ ...link, from: link.from - leading, to: Math.min(text.length, link.to - leading) }))
        .filter((link) => link.to > link.from && link.from >= 0)
      if (links.length > 0) block.links = links
      if (buffer.chars > 0 && buffer.boldChars === buffer.chars) block.bold = true
      blocks.push(block)
    }
    buffer = { text: '', links: [], boldChars: 0, chars: 0 }
  }

  const addText = (value: string, context: Context) => {
    let text = context.pre ? value : value.replace(/[\t\n\r\f ]+/g, ' ')
    if (!context.pre && buffer.text.endsWith(' ') && text.startsWith(' ')) text = text.slice(1)
    if (text === '') return
    const from = buffer.text.length
    buffer.text += text
    const visible = text.replace(/\s/g, '').length
    buffer.chars += visible
    if (context.bold) buffer.boldChars += visible
    if (context.href) {
      const last = buffer.links.at(-1)
      if (last && last.href === context.href && last.to === from) last.to = buffer.text.length
      else buffer.links.push({ from, to: buffer.text.length, href: context.href })
    }
  }

  const walk = (node: Node, context: Context, list: ListContext) => {
    if (node.nodeName === '#text') {
      addText((node as DefaultTreeAdapterTypes.TextNode).value, context)
      return
    }
    if (!('tagName' in node)) return
    const element = node as Element
    const tag = element.tagName
    if (SKIPPED.has(tag)) return
    if (tag === 'br') {
      if (context.pre) addText('\n', context)
      else {
        flush()
      }
      return
    }
    if (tag === 'hr') {
      flush()
      return
    }
    const id = attribute(element, 'id') ?? ''
    const className = attribute(element, 'class') ?? ''
    const footnote =
      context.footnote || /^(?:_?ftn\d|footnote|endnote)/i.test(id) || /\bfootnote\b/i.test(className)
    const href = tag === 'a' ? attribute(element, 'href') : undefined
    const inner: Context = {
      bold: context.bold || isBoldElement(element),
      href: href && SAFE_LINK.test(href) ? href : context.href,
      pre: context.pre || tag === 'pre',
      footnote,
    }
    if (tag === 'td' || tag === 'th') {
      if (buffer.text !== '' && !buffer.text.endsWith('\t')) buffer.text += '\t'
      for (const child of element.childNodes) walk(child, inner, list)
      return
    }
    if (!BLOCKS.has(tag)) {
      for (const child of element.childNodes) walk(child, inner, list)
      return
    }
    flush()
    if (tag === 'ul' || tag === 'ol') {
      const level = list ? list.level + 1 : 0
      let index = 0
      for (const child of element.childNodes) {
        if ('tagName' in child && child.tagName === 'li') {
          const label = tag === 'ol' ? orderedLabel(element, index) : undefined
          index += 1
          walk(child, inner, { level, ordered: tag === 'ol', ...(label ? { label } : {}) })
        } else walk(child, inner, list)
      }
      flush()
      return
    }
    const saved = pending
    // A paragraph inside a list entry or a footnote is that entry or footnote.
    pending = {
      ...(saved.list ? { list: saved.list } : {}),
      ...(saved.footnote ? { footnote: true } : {}),
      ...(saved.tableRow ? { tableRow: true } : {}),
    }
    const heading = /^h([1-6])$/.exec(tag)
    if (heading) pending.heading = Number(heading[1])
    if (tag === 'li' && list) pending.list = list
    if (tag === 'tr') pending.tableRow = true
    if (footnote) pending.footnote = true
    for (const child of element.childNodes) {
      walk(child, inner, list)
      // Text after a nested list belongs to no list entry.
      if ('tagName' in child && (child.tagName === 'ul' || child.tagName === 'ol')) pending = {}
    }
    flush()
    pending = saved
  }

  const document = parse(html)
  for (const child of document.childNodes)
    walk(child, { bold: false, pre: false, footnote: false }, undefined)
  flush()
  return blocks
}
