import { strToU8, unzipSync } from 'fflate'
import { afterEach, describe, expect, it } from 'vitest'
import { zipReproducibly } from './reproducible-zip'

const zone = process.env.TZ

describe('zipReproducibly', () => {
  afterEach(() => {
    process.env.TZ = zone
  })

  const files = [
    ['b.txt', strToU8('second')],
    ['a/c.xml', strToU8('<x/>'.repeat(100))],
  ] as const

  it('keeps the files, in the given order', () => {
    const unzipped = unzipSync(zipReproducibly(files, new Date('2024-03-11T09:30:00Z')))
    expect(Object.keys(unzipped)).toEqual(['b.txt', 'a/c.xml'])
    expect(new TextDecoder().decode(unzipped['b.txt'])).toBe('second')
  })

  it('stamps every entry with the given UTC time, whatever the local time zone', () => {
    const date = new Date('2024-03-11T09:30:10Z')
    process.env.TZ = 'Pacific/Auckland'
    const auckland = zipReproducibly(files, date)
    process.env.TZ = 'America/Los_Angeles'
    const losAngeles = zipReproducibly(files, date)
    expect(Buffer.from(auckland).equals(Buffer.from(losAngeles))).toBe(true)
    const view = new DataView(auckland.buffer, auckland.byteOffset)
    // First local header: time at 10, date at 12 (MS-DOS format).
    expect(view.getUint16(10, true)).toBe((9 << 11) | (30 << 5) | 5)
    expect(view.getUint16(12, true)).toBe(((2024 - 1980) << 9) | (3 << 5) | 11)
  })
})
