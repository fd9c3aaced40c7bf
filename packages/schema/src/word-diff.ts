/**
 * Word-level diff: a compact Myers diff over word tokens (words, whitespace runs, single punctuation marks),
 * used by the notice comparison to show insertions and deletions inside an agenda item's title and body.
 * Its cost is bounded: past a work limit it reports the changed middle as one delete plus one insert.
 *
 * @module
 */

/** The three kinds of word operation, as a value so callers can iterate them; `WordOpKind` is the union. */
export const WORD_OP_KINDS = ['equal', 'insert', 'delete'] as const

/** `equal` text is in both versions, `insert` only in the new one, `delete` only in the old one. */
export type WordOpKind = (typeof WORD_OP_KINDS)[number]

/**
 * One run of a word diff (JSON wire shape `{ "op": "equal"|"insert"|"delete", "text": string }`).
 * Concatenating the `equal` and `insert` texts in order gives the new text; adjacent runs never share a kind,
 * and inside a changed stretch the `delete` run comes before the `insert` run.
 */
export type WordOp = { op: WordOpKind; text: string }

/**
 * A token to diff: tokens with the same `key` are the same token; `text` is what is shown.
 * Plain words use their text as key; an inline atom (a speaker, a document symbol) can use an identity key so
 * that a change of its attributes is not a text change.
 */
export type DiffToken = { key: string; text: string }

/**
 * Upper bound on the work of one diff (roughly token comparisons: tokens x edit distance, after the common
 * prefix and suffix are set aside). A notice paragraph is a few hundred tokens, so a normal edit costs a few
 * thousand; a rewrite of a very long body stops early and is shown as "old middle deleted, new middle
 * inserted", which is also what a reader would want from a full rewrite.
 */
export const MAX_DIFF_WORK = 1_000_000

// Words are letters, marks and digits; whitespace runs are one token; anything else (apostrophes, slashes,
// brackets, dashes, guillemets ...) is a token of its own, so "l'accession" changes word by word.
const TOKEN_PATTERN = /[\p{L}\p{M}\p{N}]+|\s+|[^\p{L}\p{M}\p{N}\s]/gu

/** Splits text into word tokens; joining the result gives the text back. */
export function tokenizeWords(text: string): string[] {
  return text.match(TOKEN_PATTERN) ?? []
}

/** Word diff of two plain strings. */
export function diffWords(from: string, to: string): WordOp[] {
  const asTokens = (text: string): DiffToken[] =>
    tokenizeWords(text).map((word) => ({ key: word, text: word }))
  return diffTokens(asTokens(from), asTokens(to))
}

/**
 * Diff of two token sequences, as merged, human-readable runs. An `equal` run shows the new version's text
 * (an atom whose key matched may have changed its attributes; that is reported elsewhere).
 */
export function diffTokens(from: readonly DiffToken[], to: readonly DiffToken[]): WordOp[] {
  let prefix = 0
  while (prefix < from.length && prefix < to.length && from[prefix]?.key === to[prefix]?.key) prefix++
  let suffix = 0
  while (
    suffix < from.length - prefix &&
    suffix < to.length - prefix &&
    from[from.length - 1 - suffix]?.key === to[to.length - 1 - suffix]?.key
  )
    suffix++

  const a = from.slice(prefix, from.length - suffix)
  const b = to.slice(prefix, to.length - suffix)
  const raw: WordOp[] = to.slice(0, prefix).map((token) => ({ op: 'equal', text: token.text }))
  const middle = myers(a, b)
  if (middle === null) {
    for (const token of a) raw.push({ op: 'delete', text: token.text })
    for (const token of b) raw.push({ op: 'insert', text: token.text })
  } else {
    raw.push(...middle)
  }
  for (const token of to.slice(to.length - suffix)) raw.push({ op: 'equal', text: token.text })
  return tidy(raw)
}

/**
 * Myers' O((N+M)D) shortest edit script, one op per token; null when the work limit is reached.
 * Keeps one snapshot of the diagonal frontier per edit step (O(D^2) memory) to walk the path back.
 */
function myers(a: readonly DiffToken[], b: readonly DiffToken[]): WordOp[] | null {
  const n = a.length
  const m = b.length
  const max = n + m
  if (max === 0) return []
  const offset = max + 1
  const v = new Int32Array(2 * max + 3)
  const trace: Int32Array[] = []
  let work = 0
  for (let d = 0; d <= max; d++) {
    for (let k = -d; k <= d; k += 2) {
      const left = v[offset + k - 1] ?? 0
      const right = v[offset + k + 1] ?? 0
      const start = k === -d || (k !== d && left < right) ? right : left + 1
      let x = start
      let y = x - k
      while (x < n && y < m && a[x]?.key === b[y]?.key) {
        x++
        y++
      }
      work += 1 + x - start
      v[offset + k] = x
      if (x >= n && y >= m) {
        trace.push(v.slice(offset - d, offset + d + 1))
        return backtrack(a, b, trace, d)
      }
    }
    trace.push(v.slice(offset - d, offset + d + 1))
    if (work > MAX_DIFF_WORK) return null
  }
  return null
}

function backtrack(
  a: readonly DiffToken[],
  b: readonly DiffToken[],
  trace: Int32Array[],
  end: number,
): WordOp[] {
  const ops: WordOp[] = []
  let x = a.length
  let y = b.length
  for (let d = end; d > 0; d--) {
    const prev = trace[d - 1] as Int32Array
    // prev holds diagonals -(d-1)..(d-1) at indices 0..2d-2
    const at = (k: number): number => prev[k + d - 1] ?? 0
    const k = x - y
    const down = k === -d || (k !== d && at(k - 1) < at(k + 1))
    const prevK = down ? k + 1 : k - 1
    const prevX = at(prevK)
    const prevY = prevX - prevK
    while (x > prevX && y > prevY) {
      ops.push({ op: 'equal', text: b[y - 1]?.text ?? '' })
      x--
      y--
    }
    if (down) ops.push({ op: 'insert', text: b[y - 1]?.text ?? '' })
    else ops.push({ op: 'delete', text: a[x - 1]?.text ?? '' })
    x = prevX
    y = prevY
  }
  while (x > 0 && y > 0) {
    ops.push({ op: 'equal', text: b[y - 1]?.text ?? '' })
    x--
    y--
  }
  return ops.reverse()
}

const WHITESPACE_ONLY = /^\s+$/u

/**
 * Makes the runs readable: a whitespace-only `equal` between two changes joins the change (so a rewritten
 * phrase is one delete and one insert, not word confetti), each changed stretch is one delete then one
 * insert, and neighbouring runs of a kind are merged.
 */
function tidy(ops: readonly WordOp[]): WordOp[] {
  const merged = merge(ops)
  const groups: WordOp[] = []
  let deleted = ''
  let inserted = ''
  const flush = (): void => {
    if (deleted !== '') groups.push({ op: 'delete', text: deleted })
    if (inserted !== '') groups.push({ op: 'insert', text: inserted })
    deleted = ''
    inserted = ''
  }
  merged.forEach((run, index) => {
    const changedAround =
      run.op === 'equal' &&
      WHITESPACE_ONLY.test(run.text) &&
      (deleted !== '' || inserted !== '') &&
      merged[index + 1] !== undefined &&
      merged[index + 1]?.op !== 'equal'
    if (run.op === 'delete') deleted += run.text
    else if (run.op === 'insert') inserted += run.text
    else if (changedAround) {
      deleted += run.text
      inserted += run.text
    } else {
      flush()
      groups.push(run)
    }
  })
  flush()
  return merge(groups)
}

function merge(ops: readonly WordOp[]): WordOp[] {
  const out: WordOp[] = []
  for (const run of ops) {
    if (run.text === '') continue
    const last = out[out.length - 1]
    if (last !== undefined && last.op === run.op) last.text += run.text
    else out.push({ ...run })
  }
  return out
}
