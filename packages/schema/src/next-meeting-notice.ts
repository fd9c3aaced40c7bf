/**
 * The notice of a group's next meeting, made from a previous notice (or one of its revisions): the
 * same organisation, body, structure, items, speakers and symbols, without what belonged to the
 * previous notice as a document (its revision label and date of issue), with the next symbol in its
 * series proposed, and without the agenda items nobody chose to keep (recurring ones always stay).
 */
import type { JSONContent } from '@tiptap/core'
import { docFromJSON } from './doc-from-json'
import { NODE_NAMES } from './node-names'
import type { Notice } from './notice'
import { blankNoticeMeta, type NoticeMeta, parseNoticeMeta } from './notice-meta'
import { nextSymbolInSeries } from './symbol-series'

/** What the next meeting's notice changes in the previous one; every field is optional. */
export type NextMeetingChoices = {
  /** The new meeting's date (YYYY-MM-DD); default: not set. */
  meetingDate?: string
  /** The new meeting's time (HH:MM); default: the previous meeting's. */
  meetingTime?: string
  /** The new notice's own symbol; default: the next in the previous one's series, or none. */
  symbol?: string
  /**
   * The ids of the agenda items to keep, besides the recurring ones, which are always kept (with
   * the items around them); default: every item. An item not kept goes with its sub-items.
   */
  keepItems?: readonly string[]
}

const isAgendaItem = (node: JSONContent): boolean => node.type === NODE_NAMES.agendaItem

/** Whether `item` is recurring or holds a recurring sub-item at any depth. */
function holdsRecurring(item: JSONContent): boolean {
  if (item.attrs?.recurring === true) return true
  return (item.content ?? []).some((child) => isAgendaItem(child) && holdsRecurring(child))
}

function keptContent(node: JSONContent, keep: (item: JSONContent) => boolean): JSONContent {
  if (!node.content) return node
  const content = node.content
    .filter((child) => !isAgendaItem(child) || keep(child))
    .map((child) => keptContent(child, keep))
  return { ...node, content }
}

/**
 * The notice for the meeting after `source`'s: its metadata with the revision label and date of
 * issue cleared, the meeting date, time and symbol from `choices` (the symbol defaulting to
 * {@link nextSymbolInSeries}), and its content without the agenda items `choices.keepItems` leaves
 * out. Throws `MetaError` naming an invalid choice, `NoticeContentError` for invalid content.
 */
export function nextMeetingNotice(
  source: { meta: Partial<NoticeMeta>; content: JSONContent },
  choices: NextMeetingChoices = {},
): Notice {
  const previous = { ...blankNoticeMeta(source.meta.language ?? 'en'), ...source.meta }
  const meta = parseNoticeMeta({
    ...previous,
    revisionLabel: '',
    issueDate: '',
    meetingDate: choices.meetingDate ?? '',
    meetingTime: choices.meetingTime ?? previous.meetingTime,
    symbol: choices.symbol ?? nextSymbolInSeries(previous.symbol, previous.organisation) ?? '',
  })
  const listed = choices.keepItems ? new Set(choices.keepItems) : null
  const keep = (item: JSONContent): boolean =>
    listed === null || listed.has(String(item.attrs?.id ?? '')) || holdsRecurring(item)
  const content = docFromJSON(keptContent(source.content, keep)).toJSON()
  return { meta, content }
}
