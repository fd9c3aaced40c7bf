/**
 * The comparison's summary lines as sentences in the interface language ("3.2 moved to 4.1",
 * "Speaker added in 4.3: …"). The diff gives language-neutral codes with parameters; the words
 * live in the dictionaries.
 */
import type { DiffSummaryEntry, NoticeMeta } from '@convene/schema'
import type { Messages } from '../i18n/messages'

/** One summary line in `t`'s language. */
export function changeSentence(entry: DiffSummaryEntry, t: Messages): string {
  const words = t.revisions.changes
  const p = entry.params
  const number = entry.number ?? ''
  const where = entry.number === null ? words.inOpening : words.inItem(number)
  switch (entry.code) {
    case 'meta.changed':
      return words.metaChanged(t.meta[p.field as keyof NoticeMeta] ?? p.field ?? '')
    case 'preamble.changed':
      return words.preambleChanged
    case 'item.added':
      return words.itemAdded(number, p.title ?? '')
    case 'item.removed':
      return words.itemRemoved(number, p.title ?? '')
    case 'item.moved':
      return words.itemMoved(p.from ?? '', p.to ?? number)
    case 'item.retitled':
      return words.itemRetitled(number, p.to ?? '')
    case 'item.textChanged':
      return words.itemTextChanged(number)
    case 'speaker.added':
      return words.speakerAdded(p.name ?? '', where)
    case 'speaker.removed':
      return words.speakerRemoved(p.name ?? '', where)
    case 'speaker.changed': {
      const fields = (p.fields ?? '')
        .split(',')
        .filter(Boolean)
        .map(
          (field) =>
            t.revisions.speakerFields[field as keyof Messages['revisions']['speakerFields']] ?? field,
        )
      return words.speakerChanged(p.name ?? '', fields.join(', '), where)
    }
    case 'symbol.added':
      return words.symbolAdded(p.symbol ?? '', where)
    case 'symbol.removed':
      return words.symbolRemoved(p.symbol ?? '', where)
    case 'symbol.changed':
      return words.symbolChanged(p.from ?? '', p.to ?? '', where)
  }
}
