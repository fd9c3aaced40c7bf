/**
 * What every reader (plain text, HTML, DOCX, PDF) hands the recogniser: the document as a sequence
 * of text blocks in reading order, each with the hints its format could give (heading level, list
 * numbering, bold, page). The recogniser works on these alone, so one set of rules serves every format.
 */

/** A link inside a block's text: `text.slice(from, to)` is the link text. */
export type SourceLink = { from: number; to: number; href: string }

/**
 * One block of the source. `kind` says whether the text is one printed line that may be a piece of
 * a hard-wrapped paragraph (plain text, PDF) or a whole paragraph (DOCX, HTML).
 */
export type SourceBlock = {
  text: string
  kind: 'line' | 'paragraph'
  /** The page the block stands on (1-based), when the format has pages. */
  page?: number
  /** A heading level (1 for the top) given by the format: an HTML `h2`, a Word "Heading 2" style. */
  heading?: number
  /**
   * List numbering given by the format: its level (0 for the outermost), whether it is ordered, and
   * the label Word or the HTML list would print ("3.1", "(a)", "•"), when known.
   */
  list?: { level: number; ordered: boolean; label?: string }
  /** The whole block is bold (a heading without a heading style). */
  bold?: boolean
  /** The block is a footnote of the source (a Word footnote, a small-print note at a page foot). */
  footnote?: boolean
  /** The block was a table cell row in the source (its cells joined with tabs). */
  tableRow?: boolean
  links?: SourceLink[]
}

/**
 * The block with its text rebuilt one character at a time by `append` (the text so far and the
 * next source character give the new text so far), trailing spaces trimmed, and its links moved
 * with the text they cover.
 */
export function rewriteBlockText(
  block: SourceBlock,
  append: (text: string, char: string) => string,
): SourceBlock {
  const map: number[] = []
  let text = ''
  for (let i = 0; i < block.text.length; i++) {
    map[i] = text.length
    text = append(text, block.text[i] as string)
  }
  map[block.text.length] = text.length
  const trimmed = text.trimEnd()
  if (!block.links?.length) return { ...block, text: trimmed }
  const links = block.links
    .map((link) => ({
      ...link,
      from: map[link.from] ?? 0,
      to: Math.min(trimmed.length, map[link.to] ?? trimmed.length),
    }))
    .filter((link) => link.to > link.from)
  return { ...block, text: trimmed, links }
}
