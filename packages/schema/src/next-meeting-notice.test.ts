import { describe, expect, it } from 'vitest'
import { docFromJSON } from './doc-from-json'
import { nextMeetingNotice } from './next-meeting-notice'
import { MetaError } from './notice-meta'
import { agendaOutline } from './numbering'
import { sampleNotice } from './sample-notice'

const outline = (content: typeof sampleNotice.content) =>
  agendaOutline(docFromJSON(content)).map((entry) => `${entry.number} ${entry.id}`)

describe('nextMeetingNotice', () => {
  it('keeps the whole agenda and proposes the next symbol of the series when nothing is chosen', () => {
    const next = nextMeetingNotice(sampleNotice)
    expect(outline(next.content)).toEqual(outline(sampleNotice.content))
    expect(next.content).toEqual(sampleNotice.content)
    expect(next.meta.symbol).toBe('INF/MSME/N/28')
    expect(next.meta.revisionLabel).toBe('')
    expect(next.meta.issueDate).toBe('')
    expect(next.meta.meetingDate).toBe('')
    expect(next.meta.meetingTime).toBe(sampleNotice.meta.meetingTime)
    expect(next.meta.organisation).toBe('WTO')
    expect(next.meta.issuingBody).toBe(sampleNotice.meta.issuingBody)
  })

  it('leaves out the items not kept and renumbers the rest, 3.3 becoming nothing when 3.2 goes', () => {
    const all = agendaOutline(docFromJSON(sampleNotice.content)).map((entry) => entry.id)
    const next = nextMeetingNotice(sampleNotice, {
      keepItems: all.filter((id) => id !== 'msme-investment' && id !== 'private-sector-dialogue'),
    })
    const ids = agendaOutline(docFromJSON(next.content)).map((entry) => entry.id)
    expect(ids).not.toContain('msme-investment')
    expect(ids).not.toContain('private-sector-dialogue')
    expect(ids).not.toContain('upu-presentation')
    expect(outline(next.content)).toContain('3.1 sustainability-reporting')
    expect(outline(next.content)).toContain('4 work-programme-planning')
  })

  it('always keeps recurring items, and the item holding one, even when not listed', () => {
    const next = nextMeetingNotice(sampleNotice, { keepItems: [] })
    expect(outline(next.content)).toEqual(['1 other-business', '1.1 other-matters'])
  })

  it('takes the meeting date, time and symbol chosen, and refuses an invalid one naming the field', () => {
    const next = nextMeetingNotice(sampleNotice, {
      meetingDate: '2024-06-18',
      meetingTime: '10:00',
      symbol: 'INF/MSME/N/30',
    })
    expect(next.meta).toMatchObject({
      meetingDate: '2024-06-18',
      meetingTime: '10:00',
      symbol: 'INF/MSME/N/30',
    })
    expect(() => nextMeetingNotice(sampleNotice, { meetingDate: '2024-02-30' })).toThrow(MetaError)
    expect(() => nextMeetingNotice(sampleNotice, { meetingDate: '2024-02-30' })).toThrow(/meetingDate/)
  })

  it('reads a partial metadata object, as an old revision holds, with blank fields', () => {
    const next = nextMeetingNotice({
      meta: { language: 'es', symbol: 'WT/L/9' },
      content: sampleNotice.content,
    })
    expect(next.meta.language).toBe('es')
    expect(next.meta.symbol).toBe('WT/L/10')
    expect(next.meta.organisation).toBe('WTO')
  })
})
