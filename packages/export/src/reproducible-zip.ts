/**
 * Zip files that depend only on their contents: entries in the given order, DEFLATE at a fixed
 * level, and every entry's MS-DOS timestamp set to one given UTC time (fflate writes local time,
 * which would differ between servers in different time zones, so the stamps are patched after).
 * @module
 */
import { zipSync } from 'fflate'

const LOCAL_HEADER = 0x04034b50
const CENTRAL_HEADER = 0x02014b50
const END_OF_CENTRAL_DIRECTORY = 0x06054b50

/** Zips `files` (in this order) with every timestamp set to `date` (UTC, clamped to the DOS range 1980-2107). */
export function zipReproducibly(files: readonly (readonly [string, Uint8Array])[], date: Date): Uint8Array {
  const entries: Record<string, [Uint8Array, { level: 6; mtime: Date }]> = {}
  const mtime = new Date(Date.UTC(2000, 0, 1))
  for (const [name, data] of files) entries[name] = [data, { level: 6, mtime }]
  const zip = zipSync(entries)
  setDosTimestamps(zip, date)
  return zip
}

/** Rewrites the time and date fields of every local and central header of `zip` in place. */
function setDosTimestamps(zip: Uint8Array, date: Date): void {
  const view = new DataView(zip.buffer, zip.byteOffset, zip.byteLength)
  const year = Math.min(Math.max(date.getUTCFullYear(), 1980), 2107)
  const dosDate = ((year - 1980) << 9) | ((date.getUTCMonth() + 1) << 5) | date.getUTCDate()
  const dosTime = (date.getUTCHours() << 11) | (date.getUTCMinutes() << 5) | (date.getUTCSeconds() >> 1)
  const end = zip.byteLength - 22
  if (end < 0 || view.getUint32(end, true) !== END_OF_CENTRAL_DIRECTORY) {
    throw new Error('Zip has no end of central directory record where one without comment would be')
  }
  const count = view.getUint16(end + 10, true)
  let offset = view.getUint32(end + 16, true)
  for (let i = 0; i < count; i++) {
    if (view.getUint32(offset, true) !== CENTRAL_HEADER)
      throw new Error(`Zip central header ${i} is malformed`)
    view.setUint16(offset + 12, dosTime, true)
    view.setUint16(offset + 14, dosDate, true)
    const local = view.getUint32(offset + 42, true)
    if (view.getUint32(local, true) !== LOCAL_HEADER) throw new Error(`Zip local header ${i} is malformed`)
    view.setUint16(local + 10, dosTime, true)
    view.setUint16(local + 12, dosDate, true)
    offset +=
      46 +
      view.getUint16(offset + 28, true) +
      view.getUint16(offset + 30, true) +
      view.getUint16(offset + 32, true)
  }
}
