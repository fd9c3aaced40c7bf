/**
 * What makes two speaker nodes the same person in a directory: the name, folded for search (accents,
 * case and spacing ignored), so "Ahmed Mzé" and "AHMED MZE" are one person and one entry.
 */
import { foldForSearch } from '@convene/schema'

/** The directory key of a speaker named `name`; '' for a speaker without a name (not in the directory). */
export function speakerKey(name: string): string {
  return foldForSearch(name)
}
