/**
 * Export benchmark (not a test): median render time and peak memory of each format, for the sample
 * notice and a generated 300-item notice. Each format is measured in its own child process, so the
 * peak resident set size (maxRSS) is that format's alone; "idle" is a child that only loads the code.
 *
 *   npx tsx packages/export/bench/export-bench.ts [--runs N]
 */
import { execFileSync } from 'node:child_process'
import { fileURLToPath } from 'node:url'
import { renderDocx, renderHtml, renderMarkdown, renderPdf, renderText } from '../src/index'
import type { ExportInput } from '../src/notice-walk'
import { generatedInput, sampleInput } from '../src/test/fixtures'

const FORMATS = {
  idle: async () => 0,
  html: async (input: ExportInput) => renderHtml(input).length,
  md: async (input: ExportInput) => renderMarkdown(input).length,
  txt: async (input: ExportInput) => renderText(input).length,
  docx: async (input: ExportInput) => (await renderDocx(input)).byteLength,
  pdf: async (input: ExportInput) => (await renderPdf(input)).byteLength,
} as const
type Format = keyof typeof FORMATS

const NOTICES = {
  sample: () => sampleInput(),
  'generated-300': () => generatedInput(300),
} as const
type NoticeName = keyof typeof NOTICES

type Result = { medianMs: number; minMs: number; maxRssMb: number; bytes: number; runs: number }

async function child(format: Format, notice: NoticeName, runs: number): Promise<void> {
  const input = NOTICES[notice]()
  const render = FORMATS[format]
  await render(input) // warm-up: loads fonts, JIT
  const times: number[] = []
  let bytes = 0
  for (let i = 0; i < runs; i++) {
    const start = process.hrtime.bigint()
    bytes = await render(input)
    times.push(Number(process.hrtime.bigint() - start) / 1e6)
  }
  times.sort((a, b) => a - b)
  const result: Result = {
    medianMs: times[Math.floor(times.length / 2)] ?? 0,
    minMs: times[0] ?? 0,
    maxRssMb: process.resourceUsage().maxRSS / 1024,
    bytes,
    runs,
  }
  process.stdout.write(JSON.stringify(result))
}

function parent(runs: number): void {
  const self = fileURLToPath(import.meta.url)
  const rows: string[] = [
    '| notice | format | runs | median ms | min ms | peak RSS MB | output KB |',
    '| --- | --- | ---: | ---: | ---: | ---: | ---: |',
  ]
  for (const notice of Object.keys(NOTICES) as NoticeName[]) {
    for (const format of Object.keys(FORMATS) as Format[]) {
      const n = format === 'idle' ? 1 : notice === 'sample' ? runs : Math.max(3, Math.ceil(runs / 3))
      const out = execFileSync(
        process.execPath,
        [...process.execArgv, self, '--child', format, notice, String(n)],
        {
          encoding: 'utf8',
          maxBuffer: 1 << 20,
        },
      )
      const r = JSON.parse(out) as Result
      const ms = (value: number) => (format === 'idle' ? '–' : value.toFixed(1))
      rows.push(
        `| ${notice} | ${format} | ${format === 'idle' ? '–' : r.runs} | ${ms(r.medianMs)} | ${ms(r.minMs)} | ${r.maxRssMb.toFixed(0)} | ${format === 'idle' ? '–' : (r.bytes / 1024).toFixed(1)} |`,
      )
      process.stderr.write('.')
    }
  }
  process.stderr.write('\n')
  console.log(
    `Node ${process.version}, ${runs} runs (sample) / ${Math.max(3, Math.ceil(runs / 3))} runs (300 items) after one warm-up`,
  )
  console.log(rows.join('\n'))
}

const args = process.argv.slice(2)
if (args[0] === '--child') {
  await child(args[1] as Format, args[2] as NoticeName, Number(args[3]))
} else {
  const runsAt = args.indexOf('--runs')
  parent(runsAt === -1 ? 15 : Number(args[runsAt + 1]))
}
