/**
 * Plain-text tables for benchmark results: right-aligned numbers, left-aligned labels, a title
 * line and the machine line on top, so a result pasted into an issue says where it came from.
 */

/** A cell: text as is, numbers with the column's decimals, NaN/undefined/null as "n/a". */
export type Cell = string | number | undefined | null

/** One column: its header and how many decimals its numbers get. */
export type Column = { header: string; decimals?: number }

/** Formats a number for a table: fixed decimals, thousands kept readable, NaN as "n/a". */
export function formatNumber(value: number, decimals = 1): string {
  if (!Number.isFinite(value)) return 'n/a'
  return value.toFixed(decimals)
}

function formatCell(cell: Cell, column: Column): string {
  if (cell === undefined || cell === null) return 'n/a'
  if (typeof cell === 'number') return formatNumber(cell, column.decimals ?? 1)
  return cell
}

/** Renders a table with a title, a context line (the machine) and optional notes under it. */
export function renderTable(options: {
  title: string
  context?: string
  columns: Column[]
  rows: Cell[][]
  notes?: string[]
}): string {
  const { title, context, columns, rows, notes = [] } = options
  // A short row (a server that did not run) leaves its remaining cells blank.
  const text = rows.map((row) =>
    columns.map((column, index) => (index < row.length ? formatCell(row[index], column) : '')),
  )
  const widths = columns.map((column, index) =>
    Math.max(column.header.length, ...text.map((row) => (row[index] ?? '').length)),
  )
  const line = (cells: string[]) =>
    cells
      .map((cell, index) => {
        const width = widths[index] ?? 0
        // The first column holds labels; every other column holds figures and aligns right.
        return index === 0 ? cell.padEnd(width) : cell.padStart(width)
      })
      .join('  ')
      .trimEnd()
  const rule = widths.map((width) => '-'.repeat(width)).join('  ')
  return [
    '',
    title,
    ...(context ? [context] : []),
    rule,
    line(columns.map((column) => column.header)),
    rule,
    ...text.map(line),
    rule,
    ...notes.map((note) => `  ${note}`),
    '',
  ].join('\n')
}

/** Ratio a / b as a table cell: "1.23x", or "n/a" when either side is missing or b is zero. */
export function ratio(a: number | undefined, b: number | undefined): string {
  if (a === undefined || b === undefined || !Number.isFinite(a) || !Number.isFinite(b) || b === 0)
    return 'n/a'
  return `${(a / b).toFixed(2)}x`
}

/** Bytes as mebibytes, for memory columns. */
export function mib(bytes: number): number {
  return bytes / (1024 * 1024)
}

/** The status of one server's run, as the table helpers need it (see server-loop.ts Outcome). */
type OutcomeLike<T> =
  | { server: string; status: 'ok'; result: T }
  | { server: string; status: 'skipped' | 'failed'; reason: string }

/**
 * One row per server: `row(result)` for a server that ran, otherwise the server name and why it did
 * not run, then ratio rows "convene ÷ <peer>" over the figures `figures(result)` picks (one per
 * column after the first, undefined for a column without a ratio).
 */
export function serverRows<T>(
  outcomes: readonly OutcomeLike<T>[],
  row: (result: T) => Cell[],
  figures: (result: T) => (number | undefined)[],
): Cell[][] {
  const rows: Cell[][] = outcomes.map((outcome) =>
    outcome.status === 'ok' ? [outcome.server, ...row(outcome.result)] : [outcome.server, outcome.status],
  )
  const convene = outcomes.find((outcome) => outcome.server === 'convene')
  if (convene?.status === 'ok') {
    const mine = figures(convene.result)
    for (const peer of outcomes) {
      if (peer.server === 'convene' || peer.status !== 'ok') continue
      const theirs = figures(peer.result)
      rows.push([
        `convene ÷ ${peer.server}`,
        ...mine.map((value, index) => (value === undefined ? '' : ratio(value, theirs[index]))),
      ])
    }
  }
  return rows
}

/** Notes saying why each server that did not run did not. */
export function outcomeNotes<T>(outcomes: readonly OutcomeLike<T>[]): string[] {
  return outcomes.flatMap((outcome) =>
    outcome.status === 'ok' ? [] : [`${outcome.server} ${outcome.status}: ${outcome.reason}`],
  )
}
