// Tests read the sample file with Node; the package itself compiles without Node or DOM types
// (source-hygiene.test.ts keeps Node-only and browser-only globals out of the shipped code).
/// <reference types="node" />
import { readFileSync } from 'node:fs'
import type { JSONContent } from '@tiptap/core'
import { describe, expect, it } from 'vitest'
import { docFromJSON } from './doc-from-json'
import { parseNoticeMeta } from './notice-meta'
import { agendaOutline } from './numbering'
import { sampleNotice } from './sample-notice'
import { speakerText, toSpeakerAttrs } from './speaker'
import { findSymbols } from './symbol-grammar'
import { symbolSearchUrl } from './symbol-links'

// A verbatim copy of shared/samples/wto-msme-notice-2024-03-fr.txt, kept in the repository so the
// test runs wherever the repository is cloned.
const SAMPLE_TEXT = readFileSync(
  new URL('../fixtures/wto-msme-notice-2024-03-fr.txt', import.meta.url),
  'utf8',
)
const LINES = SAMPLE_TEXT.split('\n')
const URL_LINES = LINES.map((line) => line.trim()).filter((line) => line.startsWith('https://'))

/** The PDF's table of contents at the end of the file: "\t3.1  Title". */
const SAMPLE_TOC = LINES.flatMap((line) => {
  const match = /^\t(\d+(?:\.\d+)*)\s{2}(.+?)\s*$/.exec(line)
  return match ? [{ number: match[1] ?? '', title: match[2] ?? '' }] : []
})

const collapse = (value: string) => value.replace(/\s+/g, ' ').trim()

/** The running text of the sample from the first preamble paragraph to the last agenda item, without the PDF's footnote URLs, rules and bullets. */
const SAMPLE_BODY = collapse(
  SAMPLE_TEXT.slice(
    SAMPLE_TEXT.indexOf('Le Groupe de travail informel sur les MPME tiendra'),
    SAMPLE_TEXT.indexOf('6.2  Autres questions') + '6.2  Autres questions'.length,
  )
    .split('\n')
    .filter((line) => !line.trim().startsWith('https://'))
    .join('\n')
    .replaceAll('•', ' '),
)

const doc = docFromJSON(sampleNotice.content)
const outline = agendaOutline(doc)

/** Every node of the sample content, depth first. */
function nodesOf(json: JSONContent): JSONContent[] {
  return [json, ...(json.content ?? []).flatMap(nodesOf)]
}
const NODES = nodesOf(sampleNotice.content)

/** The text of inline content as printed: text, speakers as running text, symbols as symbols. */
function inlineText(nodes: readonly JSONContent[] = []): string {
  return nodes
    .map((node) => {
      if (node.type === 'text') return node.text ?? ''
      if (node.type === 'speaker') return speakerText(toSpeakerAttrs(node.attrs ?? {}))
      if (node.type === 'symbol') return String(node.attrs?.symbol)
      return inlineText(node.content)
    })
    .join('')
}

/** The whole content as the PDF prints it: each agenda item preceded by its number. */
function printed(): string {
  const numbers = new Map(outline.map((entry) => [entry.id, entry.number]))
  const blockText = (node: JSONContent): string => {
    if (node.type === 'agendaItem') {
      const [title, ...children] = node.content ?? []
      return [
        `${numbers.get(String(node.attrs?.id))} ${inlineText(title?.content)}`,
        ...children.map(blockText),
      ].join(' ')
    }
    if (node.type === 'paragraph') return inlineText(node.content)
    return (node.content ?? []).map(blockText).join(' ')
  }
  return collapse((sampleNotice.content.content ?? []).map(blockText).join(' '))
}

describe('the sample notice', () => {
  it('validates against the notice schema', () => {
    expect(() => docFromJSON(sampleNotice.content)).not.toThrow()
    expect(parseNoticeMeta(sampleNotice.meta)).toEqual(sampleNotice.meta)
  })

  it('has the text of the sample file, word for word, in order', () => {
    expect(printed()).toBe(SAMPLE_BODY)
  })

  it('has 6 top-level items with sub-items 3.1-3.2, 4.1-4.3 and 6.1-6.2', () => {
    expect(outline.map((entry) => entry.number)).toEqual([
      '1',
      '2',
      '3',
      '3.1',
      '3.2',
      '4',
      '4.1',
      '4.2',
      '4.3',
      '5',
      '6',
      '6.1',
      '6.2',
    ])
  })

  it("numbers and titles its items as the sample's table of contents does", () => {
    expect(SAMPLE_TOC).toHaveLength(13)
    // The PDF text of item 1 mixes cases ("LES MPME et l'accession À l'omc"): compare in upper case.
    expect(outline.map((entry) => [entry.number, entry.title.toLocaleUpperCase('fr')])).toEqual(
      SAMPLE_TOC.map((entry) => [entry.number, entry.title.toLocaleUpperCase('fr')]),
    )
  })

  it('has fixed, unique agenda item ids', () => {
    const ids = outline.map((entry) => entry.id)
    expect(new Set(ids).size).toBe(13)
    expect(ids[0]).toBe('msme-accession')
    expect(ids.every((id) => /^[a-z0-9]+(-[a-z0-9]+)*$/.test(id))).toBe(true)
  })

  it('has every speaker of the sample as a speaker node, in order', () => {
    const names = NODES.filter((node) => node.type === 'speaker').map((node) => node.attrs?.name)
    expect(names).toEqual([
      'Ralyana Horta Ribeiro',
      'Ahmed Mzé',
      'Kate Kallot',
      'Steven Capell',
      'Mathieu Lamolle',
      'Richard Bolwijn',
      'Houssem Gharbi',
      'Robin van Puyenbroeck',
      'Bob Gokani',
      'Bob Gokani',
    ])
    for (const name of names) expect(SAMPLE_BODY).toContain(String(name))
  })

  it('leaves no speaker name as plain text', () => {
    const plain = NODES.filter((node) => node.type === 'text').map((node) => node.text ?? '')
    for (const name of [
      'Ribeiro',
      'Mzé',
      'Kallot',
      'Capell',
      'Lamolle',
      'Bolwijn',
      'Gharbi',
      'Puyenbroeck',
      'Gokani',
    ]) {
      expect(plain.filter((value) => value.includes(name))).toEqual([])
    }
  })

  it('has every symbol of the sample text as a symbol node, each occurrence', () => {
    const symbols = NODES.filter((node) => node.type === 'symbol').map((node) => node.attrs?.symbol)
    expect(symbols).toEqual(findSymbols(SAMPLE_BODY).map((found) => found.symbol))
    expect(symbols).toEqual([
      'INF/MSME/4/Rev.2',
      'INF/MSME/4/Rev.2',
      'WT/MIN(24)/9',
      'INF/MSME/4/Rev.2',
      'INF/MSME/W/46/Rev.1-INF/TGE/W/7/Rev.1',
      'INF/MSME/W/47/Rev.1',
      'INF/MSME/W/47/Rev.1',
    ])
  })

  it('links each symbol part that the sample links in its own URL form', () => {
    const symbolUrls = URL_LINES.filter((url) => url.includes('DataSource=Cat&query=@Symbol'))
    expect(symbolUrls.length).toBeGreaterThan(0)
    for (const url of symbolUrls) {
      const part = /@Symbol=%22(.+?)%22/.exec(url)?.[1] ?? ''
      expect(symbolSearchUrl(part, 'fr')).toBe(url)
    }
  })

  it('links the Interprefy guide and the UNCTAD report to the URLs of the sample', () => {
    const links = NODES.flatMap((node) =>
      (node.marks ?? []).filter((mark) => mark.type === 'link').map((mark) => [node.text, mark.attrs?.href]),
    )
    expect(links).toEqual([
      ['WTO Interprefy Delegate Guide', URL_LINES.find((url) => url.includes('interprefy'))],
      [
        'Promoting International Investment by Small and Medium-sized Enterprises',
        URL_LINES.find((url) => url.includes('unctad.org')),
      ],
    ])
  })

  it('puts the bullets of item 2 in a bullet list', () => {
    const item2 = (sampleNotice.content.content ?? []).find((node) => node.attrs?.id === 'msme-package-2020')
    const list = item2?.content?.find((node) => node.type === 'bulletList')
    expect(list?.content).toHaveLength(6)
    expect(inlineText(list?.content?.[5]?.content?.[0]?.content)).toBe(
      "les mesures prises pour faciliter l'accès des MPME au financement, y compris le financement du commerce et les paiements transfrontières (annexe 6).",
    )
  })

  it('keeps the header data of the sample in its metadata', () => {
    expect(sampleNotice.meta).toMatchObject({
      issuingBody: 'Groupe de travail informel sur les MPME',
      title: 'Avis de convocation',
      language: 'fr',
      revisionLabel: 'Rev.1',
      issueDate: '2024-03-08',
      meetingDate: '2024-03-19',
      meetingTime: '15:00',
      mode: 'hybrid',
      platform: 'Interprefy',
    })
    const header = LINES.map((line) => line.trim()).filter((line) => line !== '')
    expect(header.slice(0, 3)).toEqual([
      sampleNotice.meta.issuingBody.toLocaleUpperCase('fr'),
      sampleNotice.meta.title.toLocaleUpperCase('fr'),
      'Révision',
    ])
    expect(collapse(SAMPLE_TEXT)).toContain(
      `coordonnateur du Groupe de travail informel sur les MPME, ${sampleNotice.meta.coordinator}.`,
    )
    expect(SAMPLE_TEXT).toContain(`(${sampleNotice.meta.duration})`)
  })
})
