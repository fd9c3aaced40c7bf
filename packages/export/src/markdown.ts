/**
 * The Markdown export (CommonMark), for email and diffing: the header lines, numbered agenda
 * headings, speakers as running text and every document symbol as a link to Documents Online.
 * User text is backslash-escaped so it can never become markup or raw HTML.
 * @module
 */
import {
  type AgendaEntry,
  type Block,
  type ExportInput,
  type InlineRun,
  type NoticeView,
  symbolPieces,
  walkNotice,
} from './notice-walk'

/** Renders the notice as CommonMark text ending with a newline. */
export function renderMarkdown(input: ExportInput): string {
  const view = walkNotice(input)
  const { header, strings } = view
  const out: string[] = []
  if (view.draft) out.push(`> **${escapeMd(strings.draftWatermark)}**: ${escapeMd(strings.draftBanner)}`)
  const masthead = [header.symbol, header.issueDate].filter((line) => line !== '').map(escapeMd)
  if (masthead.length > 0) out.push(masthead.join('\\\n'))
  if (header.issuingBody !== '') out.push(`**${escapeMd(upperOf(view, header.issuingBody))}**`)
  out.push(`# ${escapeMd(upperOf(view, header.title))}`)
  if (header.revisionLine !== null) out.push(escapeMd(header.revisionLine))
  out.push(escapeLineStarts(escapeMd(header.circulation)))
  out.push('---')
  if (header.logistics.length > 0) {
    out.push(header.logistics.map((row) => `- **${escapeMd(row.label)}:** ${escapeMd(row.value)}`).join('\n'))
  }
  for (const part of view.body) {
    if (part.kind === 'item') itemMd(part.item, out)
    else out.push(blockMd(part, ''))
  }
  if (view.toc.length > 0) {
    out.push('---')
    out.push(`## ${escapeMd(strings.contents)}`)
    out.push(
      view.toc
        .map(
          (line) => `${'  '.repeat(line.level - 1)}- ${escapeMd(line.number)} ${escapeMd(line.displayTitle)}`,
        )
        .join('\n'),
    )
  }
  return `${out.join('\n\n')}\n`
}

function upperOf(view: NoticeView, text: string): string {
  return text.toLocaleUpperCase(view.language)
}

function itemMd(item: AgendaEntry, out: string[]): void {
  const hashes = '#'.repeat(Math.min(item.level + 1, 6))
  out.push(`${hashes} ${escapeMd(item.number)} ${inlineMd(item.displayTitle).replace(/\n/g, ' ')}`)
  for (const block of item.body) out.push(blockMd(block, ''))
  for (const child of item.children) itemMd(child, out)
}

/** A block, each line after the first indented by `indent` (list item continuation). */
function blockMd(block: Block, indent: string): string {
  if (block.kind === 'paragraph') return escapeLineStarts(inlineMd(block.runs)).replace(/\n/g, `\n${indent}`)
  return block.items
    .map((item, i) => {
      const marker = block.ordered ? `${block.start + i}. ` : '- '
      const inner = indent + ' '.repeat(marker.length)
      const body = item.map((child) => blockMd(child, inner)).join(`\n\n${inner}`)
      return `${marker}${body}`
    })
    .join(`\n${indent}`)
}

function inlineMd(runs: readonly InlineRun[]): string {
  return runs.map(runMd).join('')
}

function runMd(run: InlineRun): string {
  switch (run.kind) {
    case 'break':
      return '\\\n'
    case 'speaker':
      return escapeMd(run.text)
    case 'symbol':
      return symbolPieces(run)
        .map((piece) =>
          piece.href === null ? escapeMd(piece.text) : `[${escapeMd(piece.text)}](<${piece.href}>)`,
        )
        .join('')
    case 'text': {
      // Emphasis markers must touch the text: spaces at the edges stay outside them.
      const match = /^(\s*)([\s\S]*?)(\s*)$/.exec(run.text)
      const [, lead = '', core = '', trail = ''] = match ?? []
      if (core === '') return run.text
      let md = escapeMd(core)
      if (run.italic) md = `*${md}*`
      if (run.bold) md = `**${md}**`
      if (run.href !== null) md = `[${md}](<${run.href}>)`
      return `${lead}${md}${trail}`
    }
  }
}

/** Backslash-escapes the characters that start inline markup (CommonMark and GitHub's tables/strikethrough). */
export function escapeMd(text: string): string {
  return text.replace(/[\\`*_[\]<>|~]/g, '\\$&').replace(/&(?=#?[A-Za-z0-9]+;)/g, '\\&')
}

/** Escapes what would start a block (heading, quote, list, thematic break) at the start of each line. */
function escapeLineStarts(text: string): string {
  return text
    .split('\n')
    .map((line) =>
      line.replace(
        /^(\s*)([#>+=-]|\d+(?=[.)]))/,
        (_, space: string, mark: string) => `${space}${/^\d/.test(mark) ? `${mark}\\` : `\\${mark}`}`,
      ),
    )
    .join('\n')
}
