/**
 * Export inputs shared by the tests and the benchmark: the sample notice frozen as Rev.1, a notice
 * full of hostile strings, and generated notices of any size.
 * @module
 */
import { contentBuilders, docFromJSON, type NoticeLanguage, sampleNotice } from '@convene/schema'
import type { ExportInput, JSONContent } from '../notice-walk'

const { agendaItem, bulletList, doc, paragraph, speaker } = contentBuilders

/** The revision identity every fixture is frozen with. */
export const FROZEN_REV1 = {
  label: 'Rev.1',
  hash: 'sha256:5f2b8c0d9e7a41b3c6d2e8f90a1b2c3d4e5f60718293a4b5c6d7e8f9a0b1c2d3',
  createdAt: '2024-03-11T09:30:00.000Z',
  frozen: true,
} as const

/** The sample notice (French) as the frozen revision Rev.1. */
export function sampleInput(overrides: Partial<ExportInput> = {}): ExportInput {
  return {
    meta: sampleNotice.meta,
    content: sampleNotice.content,
    revision: { ...FROZEN_REV1 },
    ...overrides,
  }
}

/** Markup, script, control characters, a bidi override and a 400-letter word. */
export const HOSTILE = {
  script: '<script>alert("x")</script>',
  markup: '<b onmouseover="alert(1)">bold</b> & </p><h1>',
  controls: 'bell\u0007 null\u0000 esc\u001b vt\u000b ff\u000c del\u007f c1\u0085 nonchar\uffff',
  longWord: `Antidisestablishmentarianism${'x'.repeat(400)}`,
  markdown: '# not a heading [link](javascript:alert(1)) **bold** `code` | table |',
  quotes: `"double" 'single' ’typographic’ « guillemets »`,
} as const

/** A notice whose metadata, titles, speakers and links carry {@link HOSTILE} strings. */
export function hostileInput(): ExportInput {
  const h = HOSTILE
  const content = docFromJSON(
    doc(
      paragraph(`${h.script} ${h.controls}`),
      agendaItem(
        'hostile-1',
        `${h.markup} ${h.script}`,
        paragraph(
          speaker({
            honorific: h.script,
            name: h.markup,
            role: h.controls,
            preposition: 'de',
            organisation: h.quotes,
          }),
          ` ${h.longWord} `,
          `${h.markdown}`,
        ),
        agendaItem('hostile-1-1', `${h.longWord}`, paragraph(h.quotes)),
      ),
    ),
  ).toJSON() as JSONContent
  return {
    meta: {
      ...sampleNotice.meta,
      issuingBody: h.markup,
      title: h.script,
      coordinator: `${h.controls} ${h.quotes}`,
      place: h.longWord,
      duration: h.markdown,
    },
    content,
    revision: { ...FROZEN_REV1, hash: `${h.script}${h.controls}` },
  }
}

/**
 * A notice of `items` agenda items (every third with two sub-items), each with a paragraph holding
 * a speaker and a symbol, and a bullet list every fifth item.
 */
export function generatedInput(items: number, language: NoticeLanguage = 'en'): ExportInput {
  const agenda = Array.from({ length: items }, (_, i) => {
    const n = i + 1
    const body = paragraph(
      `Members will discuss topic ${n}, introduced by `,
      speaker({
        honorific: 'Ms',
        name: `Speaker ${n}`,
        role: 'Counsellor',
        preposition: 'of the',
        organisation: 'Mission',
      }),
      `, on the basis of document WT/GC/W/${800 + n}/Rev.1 and the related proposals of Members.`,
    )
    const children =
      n % 3 === 0
        ? [
            agendaItem(`gen-${n}-1`, `Sub-item A of item ${n}`, paragraph('Presentation and discussion.')),
            agendaItem(`gen-${n}-2`, `Sub-item B of item ${n}`, paragraph('Statements by delegations.')),
          ]
        : []
    const list = n % 5 === 0 ? [bulletList('first point;', 'second point;', 'third point.')] : []
    return agendaItem(`gen-${n}`, `Generated agenda item number ${n}`, body, ...list, ...children)
  })
  const content = docFromJSON(
    doc(paragraph('The proposed agenda is as follows:'), ...agenda),
  ).toJSON() as JSONContent
  return {
    meta: {
      ...sampleNotice.meta,
      language,
      issuingBody: 'General Council',
      title: 'Convening notice',
      symbol: 'WT/GC/N/999',
      coordinator: 'Ambassador Jane Doe (Ruritania)',
      duration: 'half-day meeting',
    },
    content,
    revision: { ...FROZEN_REV1 },
  }
}
