/**
 * The import benchmark (`pnpm --filter @convene/tests bench:import`): every notice of the corpus
 * (tests/fixtures/notices) imported as text, DOCX and PDF, its items (number and title), speakers
 * and symbols compared with those written by hand beside it; precision and recall per kind and
 * format, words of the source missing from the result, then import times: the sample notice as
 * DOCX and PDF and a 300-item notice as text and DOCX.
 */
import { renderExport } from '@convene/export'
import { type ImportedNotice, importFile } from '@convene/import'
import { agendaOutline, docFromJSON, sampleNotice, speakerText, toSpeakerAttrs } from '@convene/schema'
import { type CorpusNotice, corpus, corpusDocx, corpusPdf, largeNotice } from './import-corpus'

type Json = ImportedNotice['content']
const FORMATS = ['text', 'docx', 'pdf'] as const
type Format = (typeof FORMATS)[number]
const TYPES: Record<Format, string> = {
  text: 'text/plain',
  docx: 'application/vnd.openxmlformats-officedocument.wordprocessingml.document',
  pdf: 'application/pdf',
}

async function fileOf(notice: CorpusNotice, format: Format): Promise<Uint8Array> {
  if (format === 'docx') return corpusDocx(notice)
  if (format === 'pdf') return corpusPdf(notice)
  return new TextEncoder().encode(notice.text)
}

const collapse = (text: string) => text.replace(/\s+/g, ' ').trim()
const nodes = (json: Json, type: string): Json[] => [
  ...(json.type === type ? [json] : []),
  ...(json.content ?? []).flatMap((child) => nodes(child, type)),
]

/** Matches of two lists as multisets: true positives, false positives, false negatives. */
function score(found: string[], expected: string[]): { tp: number; fp: number; fn: number } {
  const left = new Map<string, number>()
  for (const value of expected) left.set(value, (left.get(value) ?? 0) + 1)
  let tp = 0
  for (const value of found) {
    const count = left.get(value) ?? 0
    if (count > 0) {
      tp++
      left.set(value, count - 1)
    }
  }
  return { tp, fp: found.length - tp, fn: expected.length - tp }
}

function words(text: string): string[] {
  return text
    .split(/[\s]+/)
    .map((word) => word.replace(/^[("«“'‘]+|[)"»”'’.,;:]+$/g, ''))
    .filter((word) => word !== '')
}

/** Words of the source that are in neither the notice, its header lines nor the dropped lines (labels aside: numbers are derived). */
function lostWords(source: string, imported: ImportedNotice): string[] {
  const out = new Map<string, number>()
  const add = (text: string) => {
    for (const word of words(text)) out.set(word, (out.get(word) ?? 0) + 1)
  }
  const visit = (json: Json) => {
    if (json.type === 'text') add(json.text ?? '')
    else if (json.type === 'symbol') add(String(json.attrs?.symbol ?? ''))
    else if (json.type === 'speaker') add(speakerText(toSpeakerAttrs(json.attrs ?? {})))
    for (const child of json.content ?? []) visit(child)
  }
  visit(imported.content)
  for (const line of [...imported.report.header, ...imported.report.dropped]) add(line.text)
  const lost: string[] = []
  for (const word of words(source)) {
    if (/^(?:\d+(?:\.\d+)*\.?|[IVX]+\.?|[A-Z]\.?|•)$/.test(word)) continue
    const count = out.get(word) ?? 0
    if (count > 0) out.set(word, count - 1)
    else lost.push(word)
  }
  return lost
}

type Tally = { tp: number; fp: number; fn: number }
const add = (into: Tally, more: Tally) => {
  into.tp += more.tp
  into.fp += more.fp
  into.fn += more.fn
}
const pct = (value: number) => `${(value * 100).toFixed(1)}%`

async function accuracy(): Promise<void> {
  const notices = corpus()
  const kinds = ['items', 'speakers', 'symbols'] as const
  const totals = new Map<string, Tally>()
  const lostByFormat = new Map<Format, number>()
  const misses: string[] = []
  for (const notice of notices) {
    for (const format of FORMATS) {
      const imported = await importFile(await fileOf(notice, format), TYPES[format])
      const outline = agendaOutline(docFromJSON(imported.content)).map(
        (entry) => `${entry.number} ${collapse(entry.title)}`,
      )
      const found = {
        items: outline,
        speakers: nodes(imported.content, 'speaker').map((node) => String(node.attrs?.name ?? '')),
        symbols: nodes(imported.content, 'symbol').map((node) => String(node.attrs?.symbol ?? '')),
      }
      const expected = {
        items: notice.expected.items.map(([number, title]) => `${number} ${collapse(title)}`),
        speakers: notice.expected.speakers,
        symbols: notice.expected.symbols,
      }
      for (const kind of kinds) {
        const tally = score(found[kind], expected[kind])
        const key = `${kind}\t${format}`
        const total = totals.get(key) ?? { tp: 0, fp: 0, fn: 0 }
        add(total, tally)
        totals.set(key, total)
        if (tally.fp + tally.fn > 0) {
          const extra = found[kind].filter((value) => !expected[kind].includes(value))
          const missing = expected[kind].filter((value) => !found[kind].includes(value))
          misses.push(
            `  ${notice.name} ${format} ${kind}: missing ${JSON.stringify(missing)} extra ${JSON.stringify(extra)}`,
          )
        }
      }
      const lost = lostWords(notice.text, imported)
      lostByFormat.set(format, (lostByFormat.get(format) ?? 0) + lost.length)
      if (lost.length > 0)
        misses.push(`  ${notice.name} ${format} lost words: ${lost.slice(0, 12).join(' ')}`)
    }
  }
  console.log(
    `Import accuracy over ${notices.length} notices (${notices.map((notice) => notice.name).join(', ')})`,
  )
  console.log(
    ['kind', 'format', 'precision', 'recall', 'found/expected'].map((cell) => cell.padEnd(14)).join(''),
  )
  for (const kind of kinds) {
    for (const format of FORMATS) {
      const tally = totals.get(`${kind}\t${format}`) ?? { tp: 0, fp: 0, fn: 0 }
      const precision = tally.tp / Math.max(1, tally.tp + tally.fp)
      const recall = tally.tp / Math.max(1, tally.tp + tally.fn)
      console.log(
        [kind, format, pct(precision), pct(recall), `${tally.tp + tally.fp}/${tally.tp + tally.fn}`]
          .map((cell) => cell.padEnd(14))
          .join(''),
      )
    }
  }
  console.log(
    `Source words lost: ${FORMATS.map((format) => `${format} ${lostByFormat.get(format) ?? 0}`).join(', ')}`,
  )
  if (misses.length > 0) console.log(`Differences:\n${misses.join('\n')}`)
}

async function time(label: string, bytes: Uint8Array, type: string): Promise<void> {
  await importFile(bytes, type)
  const runs: number[] = []
  for (let i = 0; i < 3; i++) {
    const started = performance.now()
    const imported = await importFile(bytes, type)
    runs.push(performance.now() - started)
    if (imported.report.items === 0) throw new Error(`${label}: no items imported`)
  }
  runs.sort((a, b) => a - b)
  console.log(
    `${label.padEnd(34)}${String(bytes.byteLength).padStart(9)} bytes   median ${runs[1]?.toFixed(0)} ms`,
  )
}

async function timings(): Promise<void> {
  console.log('\nImport time (warm, median of 3)')
  const revision = { label: 'Rev.1', hash: 'bench', createdAt: '2024-03-08T00:00:00Z', frozen: true }
  await time('sample notice as DOCX', await renderExport({ ...sampleNotice, revision }, 'docx'), TYPES.docx)
  await time('sample notice as PDF', await renderExport({ ...sampleNotice, revision }, 'pdf'), TYPES.pdf)
  const large = largeNotice(300)
  await time('300-item notice as text', new TextEncoder().encode(large.text), TYPES.text)
  await time('300-item notice as DOCX', await corpusDocx(large), TYPES.docx)
  await time('300-item notice as PDF', await corpusPdf(large), TYPES.pdf)
}

await accuracy()
await timings()
