/**
 * Word's automatic numbering, which mammoth leaves unresolved: the labels Word prints ("3.1",
 * "(a)", "IV.") computed from word/numbering.xml (abstract numbering levels: start, format, level
 * text), word/styles.xml (numbering attached to heading styles) and each paragraph's own numPr.
 * Counters follow Word: one set per abstract numbering, deeper levels restart when a level advances.
 */
import { romanNumeral } from './item-label'

/** One level of an abstract numbering. */
type NumberingLevel = { start: number; format: string; text: string; legal: boolean; style?: string }

/** A paragraph's numbering reference. */
export type NumberingReference = { numId: string; level: number }

const attr = (xml: string, name: string): string | undefined =>
  new RegExp(`<w:${name}\\b[^>]*\\bw:val="([^"]*)"`).exec(xml)?.[1]

function elements(xml: string, tag: string): { attrs: string; body: string }[] {
  const found: { attrs: string; body: string }[] = []
  const pattern = new RegExp(`<w:${tag}\\b([^>]*?)(?:/>|>([\\s\\S]*?)</w:${tag}>)`, 'g')
  for (const match of xml.matchAll(pattern)) found.push({ attrs: match[1] ?? '', body: match[2] ?? '' })
  return found
}

const attrOf = (attrs: string, name: string) => new RegExp(`\\bw:${name}="([^"]*)"`).exec(attrs)?.[1]

/** The numbering reference of a `w:pPr` (or style) body: numId and ilvl, when it has a numPr. */
export function numberingReference(xml: string): NumberingReference | undefined {
  const numPr = /<w:numPr>([\s\S]*?)<\/w:numPr>/.exec(xml)?.[1]
  if (!numPr) return undefined
  const numId = attr(numPr, 'numId')
  if (numId === undefined || numId === '0') return undefined
  return { numId, level: Number(attr(numPr, 'ilvl') ?? '0') }
}

function format(value: number, kind: string): string {
  if (kind === 'upperRoman') return romanNumeral(value)
  if (kind === 'lowerRoman') return romanNumeral(value).toLowerCase()
  if (kind === 'upperLetter')
    return String.fromCharCode(64 + (((value - 1) % 26) + 1)).repeat(Math.floor((value - 1) / 26) + 1)
  if (kind === 'lowerLetter')
    return String.fromCharCode(96 + (((value - 1) % 26) + 1)).repeat(Math.floor((value - 1) / 26) + 1)
  if (kind === 'decimalZero') return String(value).padStart(2, '0')
  if (kind === 'none') return ''
  return String(value)
}

/** The numbering definitions of one document, and the counters as its paragraphs are read in order. */
export class WordNumbering {
  private readonly abstracts = new Map<string, NumberingLevel[]>()
  private readonly nums = new Map<string, { abstractId: string; starts: Map<number, number> }>()
  private readonly styleNumbering = new Map<string, NumberingReference>()
  private readonly styleBase = new Map<string, string>()
  private readonly counters = new Map<string, number[]>()
  private readonly started = new Set<string>()

  constructor(numberingXml: string, stylesXml: string) {
    for (const abstract of elements(numberingXml, 'abstractNum')) {
      const id = attrOf(abstract.attrs, 'abstractNumId')
      if (id === undefined) continue
      const levels: NumberingLevel[] = []
      for (const level of elements(abstract.body, 'lvl')) {
        const ilvl = Number(attrOf(level.attrs, 'ilvl') ?? '0')
        levels[ilvl] = {
          start: Number(attr(level.body, 'start') ?? '1'),
          format: attr(level.body, 'numFmt') ?? 'decimal',
          text: attr(level.body, 'lvlText') ?? '',
          legal: /<w:isLgl\b(?![^>]*w:val="(?:0|false)")/.test(level.body),
          ...(attr(level.body, 'pStyle') ? { style: attr(level.body, 'pStyle') } : {}),
        }
      }
      this.abstracts.set(id, levels)
    }
    for (const num of elements(numberingXml, 'num')) {
      const id = attrOf(num.attrs, 'numId')
      const abstractId = attr(num.body, 'abstractNumId')
      if (id === undefined || abstractId === undefined) continue
      const starts = new Map<number, number>()
      for (const override of elements(num.body, 'lvlOverride')) {
        const start = attr(override.body, 'startOverride')
        if (start !== undefined) starts.set(Number(attrOf(override.attrs, 'ilvl') ?? '0'), Number(start))
      }
      this.nums.set(id, { abstractId, starts })
    }
    for (const style of elements(stylesXml, 'style')) {
      const id = attrOf(style.attrs, 'styleId')
      if (id === undefined) continue
      const reference = numberingReference(style.body)
      if (reference) this.styleNumbering.set(id, reference)
      const base = attr(style.body, 'basedOn')
      if (base) this.styleBase.set(id, base)
    }
  }

  /** The numbering of a paragraph: its own numPr, else its style's (through `basedOn`), with the level a style-linked list gives it. */
  resolve(own: NumberingReference | undefined, styleId: string | undefined): NumberingReference | undefined {
    if (own) return own
    for (
      let style = styleId, hops = 0;
      style !== undefined && hops < 10;
      style = this.styleBase.get(style), hops++
    ) {
      const reference = this.styleNumbering.get(style)
      if (!reference) continue
      const num = this.nums.get(reference.numId)
      const levels = num ? this.abstracts.get(num.abstractId) : undefined
      const linked = levels?.findIndex((level) => level?.style === styleId) ?? -1
      return { numId: reference.numId, level: linked >= 0 ? linked : reference.level }
    }
    return undefined
  }

  /** Advances the counters for one numbered paragraph and gives the label Word prints, and whether it is a bullet. */
  next(reference: NumberingReference): { label: string; ordered: boolean } | undefined {
    const num = this.nums.get(reference.numId)
    const levels = num ? this.abstracts.get(num.abstractId) : undefined
    const level = levels?.[reference.level]
    if (!num || !levels || !level) return undefined
    if (level.format === 'bullet') return { label: '', ordered: false }
    const key = num.abstractId
    const counters = this.counters.get(key) ?? []
    if (!this.started.has(reference.numId)) {
      this.started.add(reference.numId)
      for (const [ilvl, start] of num.starts) counters[ilvl] = start - 1
    }
    counters[reference.level] = (counters[reference.level] ?? level.start - 1) + 1
    counters.length = reference.level + 1
    this.counters.set(key, counters)
    const label = level.text.replace(/%([1-9])/g, (_, digit: string) => {
      const ilvl = Number(digit) - 1
      const value = counters[ilvl] ?? levels[ilvl]?.start ?? 1
      const kind = level.legal ? 'decimal' : (levels[ilvl]?.format ?? 'decimal')
      return format(value, kind)
    })
    return { label: label.trim(), ordered: true }
  }
}
