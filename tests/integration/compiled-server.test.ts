/**
 * The compiled server as `pnpm start` runs it (`node server/dist/main.js`, bundled by
 * scripts/server-bundle.mjs): once bundled it still finds what it reads from disk (the built
 * client, its database, the export fonts and pdfkit's own data) and runs without a TypeScript loader.
 */
import { readdirSync, readFileSync } from 'node:fs'
import { join } from 'node:path'
import { sampleNotice } from '@convene/schema'
import { afterEach, beforeAll, describe, expect, it } from 'vitest'
import { ensureBuilt } from '../support/ensure-built'
import { adminHeaders, cleanup, http, startChildServer, tempDataDir } from './harness'

const REPO_ROOT = join(import.meta.dirname, '..', '..')

beforeAll(() => ensureBuilt('client', 'server'), 300_000)
afterEach(cleanup)

/** The pids of the processes whose parent is `pid`, read from /proc. */
function childPids(pid: number): number[] {
  return readdirSync('/proc')
    .filter((entry) => /^\d+$/.test(entry))
    .filter((entry) => {
      try {
        const stat = readFileSync(`/proc/${entry}/stat`, 'utf8')
        return Number(stat.slice(stat.lastIndexOf(')') + 2).split(' ')[1]) === pid
      } catch {
        return false // gone between the listing and the read
      }
    })
    .map(Number)
}

describe('the compiled server', () => {
  it('answers /api/health and serves the built client page and its script', async () => {
    const server = await startChildServer(tempDataDir(), 'compiled')

    const health = await http(server.url, 'GET', '/api/health')
    const page = await fetch(`${server.url}/`)
    const html = await page.text()
    const script = /<script type="module"[^>]* src="(\/assets\/[^"]+\.js)"/.exec(html)?.[1]
    const asset = await fetch(`${server.url}${script}`)

    expect(health.status).toBe(200)
    expect(health.body).toMatchObject({ ok: true, storage: 'sqlite', database: 'ok' })
    expect(page.status).toBe(200)
    expect(html).toBe(readFileSync(join(REPO_ROOT, 'client', 'dist', 'index.html'), 'utf8'))
    expect(script).toBeDefined()
    expect(asset.headers.get('content-type')).toMatch(/javascript/)
    expect(await asset.text()).toBe(readFileSync(join(REPO_ROOT, 'client', 'dist', script ?? ''), 'utf8'))
  })

  it('creates the sample notice and exports it to PDF with its embedded fonts and to DOCX', async () => {
    const server = await startChildServer(tempDataDir(), 'compiled')

    const list = await http(server.url, 'GET', '/api/notices')
    const notices = list.body as { id: string; title: string }[]
    const id = notices[0]?.id ?? ''
    const pdf = await fetch(`${server.url}/api/notices/${id}/export/draft.pdf`, {
      headers: adminHeaders(server.url),
    })
    const docx = await fetch(`${server.url}/api/notices/${id}/export/draft.docx`, {
      headers: adminHeaders(server.url),
    })
    const pdfBytes = Buffer.from(await pdf.arrayBuffer())
    const docxBytes = Buffer.from(await docx.arrayBuffer())

    expect(notices.map((notice) => notice.title)).toEqual([sampleNotice.meta.title])
    expect(pdf.status).toBe(200)
    expect(pdfBytes.subarray(0, 5).toString('latin1')).toBe('%PDF-')
    expect(pdfBytes.toString('latin1')).toMatch(/\/BaseFont \/[A-Z]{6}\+DejaVuSans-Bold\b/)
    expect(docx.status).toBe(200)
    expect(docxBytes.subarray(0, 2).toString('latin1')).toBe('PK')
  })

  it('runs in one plain node process, without tsx or an esbuild helper', async () => {
    const server = await startChildServer(tempDataDir(), 'compiled')
    const pid = server.child.pid ?? 0

    const commandLine = readFileSync(`/proc/${pid}/cmdline`, 'utf8').split('\0').join(' ')

    expect(commandLine).toMatch(/dist\/main\.js/)
    expect(commandLine).not.toMatch(/tsx/)
    expect(childPids(pid)).toEqual([])
  })
})
