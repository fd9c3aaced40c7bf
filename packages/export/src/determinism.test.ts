import { setTimeout as sleep } from 'node:timers/promises'
import { afterEach, describe, expect, it, vi } from 'vitest'
import { renderDocx } from './docx'
import { renderHtml, renderMarkdown, renderText } from './index'
import type { ExportInput } from './notice-walk'
import { renderPdf } from './pdf'
import { generatedInput, hostileInput, sampleInput } from './test/fixtures'

const zone = process.env.TZ

async function renderAll(input: ExportInput): Promise<Record<string, Buffer>> {
  return {
    docx: Buffer.from(await renderDocx(input)),
    pdf: Buffer.from(await renderPdf(input)),
    html: Buffer.from(renderHtml(input)),
    md: Buffer.from(renderMarkdown(input)),
    txt: Buffer.from(renderText(input)),
  }
}

function expectSameBytes(a: Record<string, Buffer>, b: Record<string, Buffer>): void {
  for (const format of Object.keys(a)) {
    expect(a[format]?.equals(b[format] as Buffer), `${format} bytes differ`).toBe(true)
  }
}

describe('exports of a frozen revision', () => {
  afterEach(() => {
    vi.useRealTimers()
    process.env.TZ = zone
  })

  it('are the same bytes when rendered again 2.1 seconds later (past the zip clock resolution)', async () => {
    const first = await renderAll(sampleInput())
    await sleep(2100)
    const second = await renderAll(sampleInput())
    expectSameBytes(first, second)
  }, 20_000)

  it('are the same bytes on another day, in another time zone, after other documents', async () => {
    vi.useFakeTimers({ toFake: ['Date'] })
    vi.setSystemTime(new Date('2031-07-01T23:59:58Z'))
    process.env.TZ = 'Pacific/Kiritimati'
    const first = await renderAll(sampleInput())
    // Other renders advance the docx package's process-wide id counters in between.
    await renderAll(hostileInput())
    await renderAll(generatedInput(12))
    vi.setSystemTime(new Date('1999-12-31T00:00:01Z'))
    process.env.TZ = 'America/Adak'
    const second = await renderAll(sampleInput())
    expectSameBytes(first, second)
  }, 20_000)

  it('change when the revision changes', async () => {
    const rev1 = await renderAll(sampleInput())
    const rev2 = await renderAll(
      sampleInput({
        revision: { label: 'Rev.2', hash: 'sha256:other', createdAt: '2024-04-02T08:00:00Z', frozen: true },
      }),
    )
    for (const format of Object.keys(rev1))
      expect(rev1[format]?.equals(rev2[format] as Buffer), format).toBe(false)
  }, 20_000)
})
