import { describe, expect, it } from 'vitest'
import {
  blankNoticeMeta,
  isIsoDate,
  MetaError,
  NOTICE_META_FIELDS,
  noticeMetaPatchSchema,
  parseNoticeMeta,
  parseNoticeMetaPatch,
} from './notice-meta'
import { sampleNotice } from './sample-notice'

function metaError(run: () => unknown): MetaError {
  try {
    run()
  } catch (error) {
    if (error instanceof MetaError) return error
    throw error
  }
  throw new Error('expected a MetaError')
}

const valid = sampleNotice.meta

describe('parseNoticeMeta', () => {
  it('accepts the sample metadata unchanged', () => {
    expect(parseNoticeMeta(valid)).toEqual(valid)
  })

  it('accepts blank metadata in each language', () => {
    for (const language of ['en', 'fr', 'es'] as const) {
      expect(parseNoticeMeta(blankNoticeMeta(language)).language).toBe(language)
    }
  })

  it.each([
    ['meetingDate', '2024-13-01', 'meetingDate: expected a date as YYYY-MM-DD, got "2024-13-01"'],
    ['meetingDate', '2024-02-30', 'meetingDate: expected a date as YYYY-MM-DD, got "2024-02-30"'],
    ['issueDate', '19/03/2024', 'issueDate: expected a date as YYYY-MM-DD, got "19/03/2024"'],
    ['meetingTime', '15h', 'meetingTime: expected a time as HH:MM (24-hour clock), got "15h"'],
    ['meetingTime', '24:00', 'meetingTime: expected a time as HH:MM (24-hour clock), got "24:00"'],
    ['language', 'de', 'language: expected one of "en", "fr", "es", got "de"'],
    ['mode', 'remote', 'mode: expected one of "in-person", "virtual", "hybrid", got "remote"'],
    ['symbol', 'INF//4', 'symbol: Invalid document symbol "INF//4": empty segment after "INF"'],
    ['title', 42, 'title: expected a string, got number'],
    ['title', 'x'.repeat(1001), 'title: must be at most 1000 characters long'],
  ])('rejects %s = %j, naming the field', (field, value, message) => {
    const error = metaError(() => parseNoticeMeta({ ...valid, [field]: value }))
    expect(error.message).toBe(`Invalid notice metadata: ${message}`)
    expect(error.field).toBe(field)
  })

  it('rejects an unknown field, naming it', () => {
    const error = metaError(() => parseNoticeMeta({ ...valid, colour: 'blue' }))
    expect(error.message).toBe('Invalid notice metadata: colour: unknown field "colour"')
    expect(error.field).toBe('colour')
  })

  it('names a missing field', () => {
    const { coordinator: _, ...rest } = valid
    const error = metaError(() => parseNoticeMeta(rest))
    expect(error.message).toBe('Invalid notice metadata: coordinator: expected a string, got nothing')
  })

  it('lists every bad field', () => {
    const error = metaError(() => parseNoticeMeta({ ...valid, issueDate: 'hier', language: 'xx' }))
    expect(error.issues.map((issue) => issue.field)).toEqual(['issueDate', 'language'])
    expect(error.message).toContain('issueDate: expected a date')
    expect(error.message).toContain('language: expected one of')
  })

  it('rejects input that is not an object', () => {
    expect(metaError(() => parseNoticeMeta('meta')).message).toBe(
      'Invalid notice metadata: expected an object of metadata fields, got "meta"',
    )
    expect(metaError(() => parseNoticeMeta(null)).field).toBe('')
  })

  it('allows empty dates, time and symbol while a notice is drafted', () => {
    expect(() =>
      parseNoticeMeta({ ...valid, issueDate: '', meetingDate: '', meetingTime: '', symbol: '' }),
    ).not.toThrow()
  })
})

describe('parseNoticeMetaPatch', () => {
  it('accepts some valid fields and returns only them', () => {
    expect(parseNoticeMetaPatch({ meetingTime: '10:00', place: 'Salle D' })).toEqual({
      meetingTime: '10:00',
      place: 'Salle D',
    })
  })

  it('accepts an empty patch', () => {
    expect(parseNoticeMetaPatch({})).toEqual({})
  })

  it('rejects an unknown key in a patch, naming it', () => {
    const error = metaError(() => parseNoticeMetaPatch({ meetingTime: '10:00', venue: 'Salle D' }))
    expect(error.message).toBe('Invalid notice metadata: venue: unknown field "venue"')
    expect(error.field).toBe('venue')
  })

  it('rejects a bad date in a patch, naming the field', () => {
    expect(metaError(() => parseNoticeMetaPatch({ meetingDate: '2024-3-19' })).message).toBe(
      'Invalid notice metadata: meetingDate: expected a date as YYYY-MM-DD, got "2024-3-19"',
    )
  })

  it('rejects a bad language in a patch, naming the field', () => {
    expect(metaError(() => parseNoticeMetaPatch({ language: 'FR' })).field).toBe('language')
  })

  it('is the strict partial schema', () => {
    expect(noticeMetaPatchSchema.safeParse({ nope: '' }).success).toBe(false)
  })
})

describe('isIsoDate', () => {
  it('accepts real dates only', () => {
    expect(isIsoDate('2024-02-29')).toBe(true)
    expect(isIsoDate('2023-02-29')).toBe(false)
    expect(isIsoDate('2024-03-19T00:00')).toBe(false)
  })
})

describe('NOTICE_META_FIELDS', () => {
  it('lists the fifteen fields in display order', () => {
    expect(NOTICE_META_FIELDS).toEqual([
      'organisation',
      'issuingBody',
      'symbol',
      'issueDate',
      'language',
      'revisionLabel',
      'title',
      'meetingDate',
      'meetingTime',
      'duration',
      'mode',
      'logistics',
      'place',
      'platform',
      'coordinator',
    ])
  })
})
