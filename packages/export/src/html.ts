/**
 * The HTML export: one self-contained, accessible page (inline CSS, print stylesheet for A4), laid
 * out like an official notice. Every user-supplied string goes through `escapeHtml`.
 * @module
 */
import { escapeHtml } from './escape'
import {
  type AgendaEntry,
  type Block,
  type ExportInput,
  type InlineRun,
  type NoticeView,
  symbolPieces,
  type TocLine,
  walkNotice,
} from './notice-walk'

const CSS = `
:root { color-scheme: light; }
* { box-sizing: border-box; }
body { margin: 0; background: #e8e8e8; color: #000;
  font: 10pt/1.45 Verdana, "DejaVu Sans", Geneva, sans-serif; }
.page { background: #fff; width: 210mm; min-height: 297mm; margin: 1.5rem auto; padding: 2cm 2.2cm 2.5cm;
  box-shadow: 0 1px 4px rgba(0,0,0,.25); overflow-wrap: break-word; }
.draft-banner { margin: 0 0 1.5em; padding: .5em 1em; border: 2px solid #b00020; color: #b00020;
  font-weight: bold; text-align: center; letter-spacing: .05em; }
.watermark { position: fixed; inset: 0; display: flex; align-items: center; justify-content: center;
  pointer-events: none; font: bold 120pt "DejaVu Sans", Verdana, sans-serif; color: rgba(176,0,32,.08);
  transform: rotate(-45deg); z-index: 10; }
.masthead { display: flex; justify-content: flex-end; margin-bottom: 2.5em; }
.masthead p { margin: 0; text-align: left; line-height: 1.6; }
.masthead .symbol { font-weight: bold; }
.issuing-body, h1, .revision { text-align: center; margin: 0 0 1.2em; }
.issuing-body { font-weight: bold; text-transform: uppercase; }
h1 { font-size: 10pt; font-weight: bold; text-transform: uppercase; }
.revision { font-weight: normal; }
.circulation { text-align: justify; margin: 2em 0 1em; }
hr { width: 9em; margin: 1.5em auto; border: 0; border-top: 1px solid #000; }
.logistics { margin: 0 0 1.2em; display: grid; grid-template-columns: max-content 1fr; gap: .15em 1.5em; }
.logistics dt { font-weight: bold; }
.logistics dd { margin: 0; }
p { margin: 0 0 1em; text-align: justify; hyphens: auto; }
section.item { margin: 0; }
.item-heading { display: flex; gap: 0; font-size: 10pt; margin: 1.6em 0 1em; break-after: avoid; }
.item-heading .num { flex: 0 0 3.2em; }
.item-heading.level-1 { font-weight: bold; text-transform: uppercase; }
.item-heading.level-2, .item-heading.level-3, .item-heading.level-4 { font-weight: bold; }
ul, ol { margin: 0 0 1em; padding-left: 2.2em; }
ul { list-style: none; }
ul > li { position: relative; }
ul > li::before { content: "\\2022"; position: absolute; left: -1.4em; }
li > p { margin-bottom: .6em; }
a { color: #0645ad; }
.speaker { font-style: normal; }
.document-symbol { white-space: nowrap; }
nav.toc { margin-top: 2em; }
nav.toc h2 { font-size: 10pt; font-weight: bold; margin: 0 0 1em; }
nav.toc ol { list-style: none; padding-left: 0; margin: 0; }
nav.toc ol ol { padding-left: 3.2em; }
nav.toc li { margin: .3em 0; }
nav.toc a { color: inherit; text-decoration: none; display: flex; }
nav.toc a:hover, nav.toc a:focus { text-decoration: underline; }
nav.toc .num { flex: 0 0 3.2em; }
nav.toc .level-1 > a { text-transform: uppercase; }
@page { size: A4; margin: 2cm 2.2cm 2.2cm;
  @bottom-center { content: counter(page) "/" counter(pages); font: 8pt Verdana, "DejaVu Sans", sans-serif; } }
@media print {
  body { background: none; }
  .page { width: auto; min-height: 0; margin: 0; padding: 0; box-shadow: none; }
  a { color: inherit; text-decoration: none; }
  .draft-banner { break-inside: avoid; }
}
`

/** Renders the notice as one self-contained HTML page (UTF-8 string). */
export function renderHtml(input: ExportInput): string {
  const view = walkNotice(input)
  const { header, identity, strings } = view
  // What comes before the first item introduces the agenda; from the first item on, the agenda region
  // holds items and the headings and notes between them, in document order.
  const first = view.body.findIndex((part) => part.kind === 'item')
  const leading = (first < 0 ? view.body : view.body.slice(0, first)) as Block[]
  const agendaParts = first < 0 ? [] : view.body.slice(first)
  const title = [identity.symbol, header.title].filter((part) => part !== '').join(' – ')
  const metaTags = [
    ['dcterms.identifier', identity.symbol],
    ['convene:revision', identity.revisionLabel ?? ''],
    ['convene:revision-hash', identity.hash],
    ['dcterms.created', identity.createdAt.toISOString()],
    ['convene:frozen', String(identity.frozen)],
  ]
    .map(
      ([name, content]) => `<meta name="${escapeHtml(name ?? '')}" content="${escapeHtml(content ?? '')}">`,
    )
    .join('\n')

  const masthead = [
    `<span class="symbol">${escapeHtml(header.symbol)}</span>`,
    header.issueDate === '' ? '' : `<span class="date">${escapeHtml(header.issueDate)}</span>`,
  ]
    .filter((line) => line !== '')
    .join('<br>')

  const parts = [
    view.draft
      ? `<p class="draft-banner" role="note">${escapeHtml(strings.draftBanner)}</p>\n<div class="watermark" aria-hidden="true">${escapeHtml(strings.draftWatermark)}</div>`
      : '',
    `<header class="notice-header">`,
    `<div class="masthead"><p>${masthead}</p></div>`,
    header.issuingBody === '' ? '' : `<p class="issuing-body">${escapeHtml(header.issuingBody)}</p>`,
    `<h1>${escapeHtml(header.title)}</h1>`,
    header.revisionLine === null ? '' : `<p class="revision">${escapeHtml(header.revisionLine)}</p>`,
    `<p class="circulation">${escapeHtml(header.circulation)}</p>`,
    '<hr>',
    `</header>`,
    '<main>',
    logisticsHtml(view),
    blocksHtml(leading),
    `<div class="agenda" role="region" aria-label="${escapeHtml(strings.agenda)}">`,
    agendaParts.map((part) => (part.kind === 'item' ? itemHtml(part.item) : blockHtml(part))).join('\n'),
    '</div>',
    '</main>',
    view.toc.length === 0 ? '' : '<hr>',
    tocHtml(view),
  ]
  return [
    '<!DOCTYPE html>',
    `<html lang="${view.language}">`,
    '<head>',
    '<meta charset="utf-8">',
    '<meta name="viewport" content="width=device-width, initial-scale=1">',
    `<title>${escapeHtml(title)}</title>`,
    metaTags,
    `<style>${CSS}</style>`,
    '</head>',
    '<body>',
    '<article class="page">',
    parts.filter((part) => part !== '').join('\n'),
    '</article>',
    '</body>',
    '</html>',
    '',
  ].join('\n')
}

function logisticsHtml(view: NoticeView): string {
  if (view.header.logistics.length === 0) return ''
  const rows = view.header.logistics
    .map((row) => `<dt>${escapeHtml(row.label)}</dt><dd>${escapeHtml(row.value)}</dd>`)
    .join('')
  return `<dl class="logistics">${rows}</dl>`
}

function itemHtml(item: AgendaEntry): string {
  const level = Math.min(item.level + 1, 6)
  return [
    `<section class="item" aria-labelledby="${escapeHtml(item.anchor)}">`,
    `<h${level} id="${escapeHtml(item.anchor)}" class="item-heading level-${Math.min(item.level, 4)}">` +
      `<span class="num">${escapeHtml(item.number)}</span> <span class="title">${inlineHtml(item.title)}</span></h${level}>`,
    blocksHtml(item.body),
    item.children.map(itemHtml).join('\n'),
    '</section>',
  ]
    .filter((part) => part !== '')
    .join('\n')
}

function blocksHtml(blocks: readonly Block[]): string {
  return blocks.map(blockHtml).join('\n')
}

function blockHtml(block: Block): string {
  if (block.kind === 'paragraph') return `<p>${inlineHtml(block.runs)}</p>`
  const tag = block.ordered ? 'ol' : 'ul'
  const start = block.ordered && block.start !== 1 ? ` start="${block.start}"` : ''
  const items = block.items.map((item) => `<li>${blocksHtml(item)}</li>`).join('\n')
  return `<${tag}${start}>\n${items}\n</${tag}>`
}

function inlineHtml(runs: readonly InlineRun[]): string {
  return runs.map(runHtml).join('')
}

function runHtml(run: InlineRun): string {
  switch (run.kind) {
    case 'break':
      return '<br>'
    case 'speaker':
      return `<span class="speaker">${escapeHtml(run.text)}</span>`
    case 'symbol': {
      const pieces = symbolPieces(run)
        .map((piece) =>
          piece.href === null
            ? escapeHtml(piece.text)
            : `<a href="${escapeHtml(piece.href)}">${escapeHtml(piece.text)}</a>`,
        )
        .join('')
      return `<span class="document-symbol">${pieces}</span>`
    }
    case 'text': {
      let html = escapeHtml(run.text)
      if (run.italic) html = `<em>${html}</em>`
      if (run.bold) html = `<strong>${html}</strong>`
      if (run.href !== null) html = `<a href="${escapeHtml(run.href)}">${html}</a>`
      return html
    }
  }
}

function tocHtml(view: NoticeView): string {
  if (view.toc.length === 0) return ''
  return [
    '<nav class="toc" aria-labelledby="toc-title">',
    `<h2 id="toc-title">${escapeHtml(view.strings.contents)}</h2>`,
    tocList(view.toc, 0, view.toc.length),
    '</nav>',
  ].join('\n')
}

/** A nested list of toc[from, to): each line owns the deeper lines that follow it. */
function tocList(toc: readonly TocLine[], from: number, to: number): string {
  const items: string[] = []
  let i = from
  while (i < to) {
    const line = toc[i] as TocLine
    let end = i + 1
    while (end < to && (toc[end] as TocLine).level > line.level) end++
    const link =
      `<a href="#${escapeHtml(line.anchor)}"><span class="num">${escapeHtml(line.number)}</span> ` +
      `<span class="title">${escapeHtml(line.title)}</span></a>`
    const nested = end > i + 1 ? `\n${tocList(toc, i + 1, end)}` : ''
    items.push(`<li class="level-${Math.min(line.level, 4)}">${link}${nested}</li>`)
    i = end
  }
  return `<ol>\n${items.join('\n')}\n</ol>`
}
