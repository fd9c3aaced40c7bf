import * as prng from 'lib0/prng'
import { describe, expect, it } from 'vitest'
import { diffTokens, diffWords, MAX_DIFF_WORK, tokenizeWords, type WordOp } from './word-diff'

const side = (ops: readonly WordOp[], kind: 'insert' | 'delete'): string =>
  ops
    .filter((run) => run.op === 'equal' || run.op === kind)
    .map((run) => run.text)
    .join('')

describe('tokenizeWords', () => {
  it('splits words, whitespace runs and each punctuation mark, and joins back to the text', () => {
    const text = "l'accession à l'OMC (INF/MSME/4/Rev.2),  œuvre"
    expect(tokenizeWords(text)).toEqual([
      'l',
      "'",
      'accession',
      ' ',
      'à',
      ' ',
      'l',
      "'",
      'OMC',
      ' ',
      '(',
      'INF',
      '/',
      'MSME',
      '/',
      '4',
      '/',
      'Rev',
      '.',
      '2',
      ')',
      ',',
      '  ',
      'œuvre',
    ])
    expect(tokenizeWords(text).join('')).toBe(text)
  })
})

describe('diffWords', () => {
  it('reports identical texts as one equal run and two empty texts as no run', () => {
    expect(diffWords('Investissement des MPME', 'Investissement des MPME')).toEqual([
      { op: 'equal', text: 'Investissement des MPME' },
    ])
    expect(diffWords('', '')).toEqual([])
  })

  it('reports a replaced word as one delete then one insert between equal runs', () => {
    expect(diffWords('le mardi 19 mars 2024', 'le jeudi 19 mars 2024')).toEqual([
      { op: 'equal', text: 'le ' },
      { op: 'delete', text: 'mardi' },
      { op: 'insert', text: 'jeudi' },
      { op: 'equal', text: ' 19 mars 2024' },
    ])
  })

  it('reports an inserted phrase as one insert', () => {
    expect(diffWords('Investissement des MPME', 'Investissement international des MPME')).toEqual([
      { op: 'equal', text: 'Investissement ' },
      { op: 'insert', text: 'international ' },
      { op: 'equal', text: 'des MPME' },
    ])
  })

  it('keeps a rewritten phrase together instead of alternating word by word', () => {
    expect(diffWords('Gros plan sur une MPME', 'Regard croisé sur une MPME')).toEqual([
      { op: 'delete', text: 'Gros plan' },
      { op: 'insert', text: 'Regard croisé' },
      { op: 'equal', text: ' sur une MPME' },
    ])
  })

  it('rebuilds both texts from its runs, never puts two runs of a kind side by side, and deletes before inserting', () => {
    const vocabulary = ['MPME', 'OMC', 'le', 'la', ' ', ' ', ', ', '.', "l'", 'Rev.2', 'Groupe', '\n']
    for (let seed = 1; seed <= 200; seed++) {
      const gen = prng.create(seed)
      const text = (): string =>
        Array.from({ length: prng.uint32(gen, 0, 39) }, () => prng.oneOf(gen, vocabulary)).join('')
      const from = text()
      const to = text()
      const ops = diffWords(from, to)
      const kinds = ops.map((run) => run.op).join(' ')
      expect({ seed, to: side(ops, 'insert'), from: side(ops, 'delete') }).toEqual({ seed, to, from })
      expect({ seed, empty: ops.some((run) => run.text === '') }).toEqual({ seed, empty: false })
      expect({ seed, bad: /\b(equal|insert|delete) \1\b|insert delete/.test(kinds) }).toEqual({
        seed,
        bad: false,
      })
    }
  })
})

describe('diffTokens', () => {
  it('keeps a longest common subsequence of the tokens equal (checked against dynamic programming)', () => {
    const lcs = (a: string, b: string): number => {
      let row = new Array<number>(b.length + 1).fill(0)
      for (const x of a) {
        const next = [0]
        for (let j = 1; j <= b.length; j++) {
          next[j] = x === b[j - 1] ? (row[j - 1] ?? 0) + 1 : Math.max(row[j] ?? 0, next[j - 1] ?? 0)
        }
        row = next
      }
      return row[b.length] ?? 0
    }
    const letters = (text: string) => [...text].map((letter) => ({ key: letter, text: letter }))
    for (let seed = 1; seed <= 300; seed++) {
      const gen = prng.create(seed)
      const text = (): string =>
        Array.from({ length: prng.uint32(gen, 0, 29) }, () => prng.oneOf(gen, ['a', 'b', 'c', 'd'])).join('')
      const from = text()
      const to = text()
      const ops = diffTokens(letters(from), letters(to))
      const kept = ops.filter((run) => run.op === 'equal').reduce((sum, run) => sum + run.text.length, 0)
      expect({ seed, kept, to: side(ops, 'insert'), from: side(ops, 'delete') }).toEqual({
        seed,
        kept: lcs(from, to),
        to,
        from,
      })
    }
  })

  it('treats tokens with the same key as equal and shows the new text', () => {
    const from = [
      { key: 'w:voir', text: 'voir' },
      { key: ' ', text: ' ' },
      { key: 'symbol:INF/MSME/4', text: 'INF/MSME/4/Rev.2' },
    ]
    const to = [
      { key: 'w:voir', text: 'voir' },
      { key: ' ', text: ' ' },
      { key: 'symbol:INF/MSME/4', text: 'INF/MSME/4/Rev.3' },
    ]
    expect(diffTokens(from, to)).toEqual([{ op: 'equal', text: 'voir INF/MSME/4/Rev.3' }])
  })

  it('falls back to one delete and one insert for the changed middle past the work limit', () => {
    const pairs = 1500
    const from = Array.from({ length: pairs }, (_, i) => `x a${i}`).join(' ')
    const to = Array.from({ length: pairs }, (_, i) => `x b${i}`).join(' ')
    // (changed tokens)^2 / 2 is far beyond the limit, so this cannot be the Myers result
    expect(pairs * pairs).toBeGreaterThan(MAX_DIFF_WORK)
    expect(diffWords(from, to)).toEqual([
      { op: 'equal', text: 'x ' },
      { op: 'delete', text: from.slice(2) },
      { op: 'insert', text: to.slice(2) },
    ])
    // below the limit the same shape keeps its shared words
    const small = diffWords('x a1 x a2', 'x b1 x b2')
    expect(small).toEqual([
      { op: 'equal', text: 'x ' },
      { op: 'delete', text: 'a1' },
      { op: 'insert', text: 'b1' },
      { op: 'equal', text: ' x ' },
      { op: 'delete', text: 'a2' },
      { op: 'insert', text: 'b2' },
    ])
  })
})
