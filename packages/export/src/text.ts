/**
 * The plain-text export, for email bodies and line diffs between revisions: one paragraph per line
 * (no hard wrapping, so a one-word change is a one-line diff), agenda numbers and titles as in the
 * notice, speakers as running text, symbols as written.
 * @module
 */
import {
  type AgendaEntry,
  type Block,
  type ExportInput,
  type InlineRun,
  runsText,
  walkNotice,
} from './notice-walk'

/** Renders the notice as UTF-8 plain text ending with a newline. */
export function renderText(input: ExportInput): string {
  const view = walkNotice(input)
  const { header, strings } = view
  const upper = (text: string) => text.toLocaleUpperCase(view.language)
  const out: string[] = []
  if (view.draft) out.push(`*** ${strings.draftWatermark}: ${strings.draftBanner} ***`)
  const masthead = [header.symbol, header.issueDate].filter((line) => line !== '')
  if (masthead.length > 0) out.push(masthead.join('\n'))
  if (header.issuingBody !== '') out.push(upper(header.issuingBody))
  out.push(upper(header.title))
  if (header.revisionLine !== null) out.push(header.revisionLine)
  out.push(header.circulation)
  out.push('_______________')
  if (header.logistics.length > 0)
    out.push(header.logistics.map((row) => `${row.label}: ${row.value}`).join('\n'))
  for (const part of view.body) {
    if (part.kind === 'item') itemText(part.item, out)
    else out.push(blockText(part, ''))
  }
  if (view.toc.length > 0) {
    out.push('__________')
    out.push(strings.contents)
    out.push(
      view.toc
        .map((line) => `${'    '.repeat(line.level - 1)}${line.number}  ${line.displayTitle}`)
        .join('\n'),
    )
  }
  return `${out.join('\n\n')}\n`
}

function itemText(item: AgendaEntry, out: string[]): void {
  out.push(`${item.number}  ${runsText(item.displayTitle)}`)
  for (const block of item.body) out.push(blockText(block, ''))
  for (const child of item.children) itemText(child, out)
}

function blockText(block: Block, indent: string): string {
  if (block.kind === 'paragraph') return inlineText(block.runs).replace(/\n/g, `\n${indent}`)
  return block.items
    .map((item, i) => {
      const marker = block.ordered ? `${block.start + i}. ` : '• '
      const inner = indent + ' '.repeat(marker.length)
      return `${marker}${item.map((child) => blockText(child, inner)).join(`\n${inner}`)}`
    })
    .join(`\n${indent}`)
}

function inlineText(runs: readonly InlineRun[]): string {
  return runs.map((run) => (run.kind === 'break' ? '\n' : run.text)).join('')
}
