import { describe, expect, it } from 'vitest'
import { HOSTILE, hostileInput, sampleInput } from './test/fixtures'
import { assertInOrder, CONTROL_CHARACTERS, plainSpaces, sampleReadingOrder } from './test/tools'
import { renderText } from './text'

describe('renderText', () => {
  const text = plainSpaces(renderText(sampleInput()))

  it('shows every item number and title, speaker, symbol and the table of contents in reading order', () => {
    assertInOrder(text, sampleReadingOrder().sequence, 'text')
  })

  it('reads like the notice: header, numbered titles in capitals, bullets, contents at the end', () => {
    expect(
      text.startsWith(
        'INF/MSME/N/27/Rev.1\n8 mars 2024\n\nGROUPE DE TRAVAIL INFORMEL SUR LES MPME\n\nAVIS DE CONVOCATION\n\nRévision\n\n',
      ),
    ).toBe(true)
    expect(text).toContain('\n\n3  DISCUSSIONS THÉMATIQUES\n\n')
    expect(text).toContain('\n\n3.1  Discussion sur les MPME')
    expect(text).toContain('\n• les mesures prises pour soutenir le Global Trade Helpdesk (annexe 2);\n')
    expect(text).toMatch(
      /\nTable des matières\n\n1 {2}LES MPME ET L'ACCESSION À L'OMC\n[\s\S]*\n {4}6\.2 {2}Autres questions\n$/,
    )
  })

  it('keeps one paragraph per line so a one-word change is a one-line diff', () => {
    const line = text.split('\n').find((l) => l.startsWith('Richard Bolwijn'))
    expect(line).toMatch(/options stratégiques\.$/)
  })

  it('prints hostile strings as they are, without control characters', () => {
    const hostile = renderText(hostileInput())
    expect(hostile).toContain(HOSTILE.script)
    expect(hostile).toContain('bell null esc vt ff del c1 nonchar')
    expect(hostile).not.toMatch(CONTROL_CHARACTERS)
  })
})
