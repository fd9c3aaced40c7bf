/**
 * @convene/schema: THE document model of a notice (Tiptap nodes as data, numbering, table of contents,
 * document-symbol grammar and links, metadata, the sample notice, the Yjs layout). The only door of
 * this workspace; no React, no `window`. See ../CONTRACT.md.
 */
export { AgendaItem, type AgendaItemOptions, createAgendaItemId } from './agenda-item'
export { AgendaMoveError, moveAgendaElement } from './agenda-move'
export { MOVES_MAP } from './agenda-move-record'
export { observeMoveReplays, replayClient } from './agenda-move-replay'
export { AgendaTitle, type AgendaTitleOptions } from './agenda-title'
export {
  AGENDA_MOVES,
  type AgendaDropTarget,
  type AgendaMove,
  canDropAgendaItem,
  canMoveAgendaItem,
  dropAgendaItem,
  findAgendaElement,
  moveAgendaItem,
} from './agenda-tree-moves'
export { MONTH_NAMES, WEEKDAY_NAMES } from './calendar-words'
export {
  addReply,
  anchorFromRelativePositions,
  anchorToRelativePositions,
  COMMENT_AUTHOR_NAME_MAX_LENGTH,
  COMMENT_ID_PATTERN,
  COMMENT_KEYS,
  COMMENT_QUOTE_MAX_LENGTH,
  COMMENT_TEXT_MAX_LENGTH,
  COMMENT_THREADS_MAP,
  type CommentAnchor,
  type CommentAuthor,
  type CommentData,
  CommentsDocError,
  type CommentThread,
  createCommentId,
  createThread,
  deleteComment,
  editComment,
  type NewThread,
  parseCommentsDoc,
  parseCommentThread,
  readThreads,
  setResolved,
  THREAD_KEYS,
} from './comments-doc'
export type { InlineInput } from './content-builders'
export * as contentBuilders from './content-builders'
export { type DocFromJSONOptions, docFromJSON, NoticeContentError } from './doc-from-json'
export { DocumentSymbol, type DocumentSymbolOptions, symbolOrganisation } from './document-symbol'
export { newNoticeYDoc } from './move-ledger'
export { type NextMeetingChoices, nextMeetingNotice } from './next-meeting-notice'
export { MARK_NAMES, type MarkName, NODE_NAMES, type NodeName } from './node-names'
export { nodeText } from './node-text'
export { blankNotice, type Notice } from './notice'
export {
  type BodyChange,
  DIFF_SUMMARY_CODES,
  type DiffSummaryCode,
  type DiffSummaryEntry,
  diffNotices,
  diffWords,
  ITEM_CHANGE_KINDS,
  type ItemChange,
  type ItemChangeKind,
  MAX_DIFF_WORK,
  type MetaChange,
  type NoticeDiff,
  type NoticeSnapshot,
  type SpeakerChange,
  type SpeakerFieldChange,
  type SymbolChange,
  WORD_OP_KINDS,
  type WordOp,
  type WordOpKind,
} from './notice-diff'
export { metaValueProblem, NOTICE_DOC_LIMITS } from './notice-doc-rules'
export { NoticeDocument } from './notice-document'
export { type NoticeExtensionsOptions, noticeExtensions, noticeSchema } from './notice-extensions'
export { isNoticeLanguage, NOTICE_LANGUAGES, type NoticeLanguage } from './notice-language'
export {
  checkNoticeLimits,
  countAgendaItemsInFragment,
  countAgendaItemsInJson,
  DEFAULT_NOTICE_LIMITS,
  NOTICE_LIMIT_KINDS,
  NoticeLimitError,
  type NoticeLimitKind,
  type NoticeLimits,
} from './notice-limits'
export {
  blankNoticeMeta,
  isIsoDate,
  LOGISTICS_DISPLAYS,
  type LogisticsDisplay,
  MEETING_MODES,
  META_FIELD_MAX_LENGTH,
  type MeetingMode,
  MetaError,
  type MetaIssue,
  NOTICE_META_FIELDS,
  type NoticeMeta,
  type NoticeMetaPatch,
  noticeMetaPatchSchema,
  noticeMetaSchema,
  parseNoticeMeta,
  parseNoticeMetaPatch,
} from './notice-meta'
export { agendaOutline, formatAgendaNumber, type OutlineEntry } from './numbering'
export { DEFAULT_ORGANISATION, ORGANISATIONS, type Organisation, organisationNamed } from './organisations'
export {
  parseRelativePosition,
  RELATIVE_POSITION_TNAME_MAX_LENGTH,
  RelativePositionError,
  type RelativePositionJson,
  relativePositionProblem,
  type YIdJson,
} from './relative-position'
export { sampleNotice } from './sample-notice'
export { foldForSearch, matchesSearch } from './search-fold'
export {
  SPEAKER_FIELDS,
  Speaker,
  type SpeakerAttrs,
  type SpeakerField,
  type SpeakerOptions,
  speakerText,
  toSpeakerAttrs,
} from './speaker'
export { SYMBOL_CONVENTIONS, type SymbolConvention } from './symbol-conventions'
export {
  type FoundSymbol,
  findSymbols,
  isValidSymbol,
  type ParsedSymbol,
  parseSymbol,
  SYMBOL_SUFFIX_KINDS,
  SymbolError,
  type SymbolPart,
  type SymbolSuffix,
  type SymbolSuffixKind,
} from './symbol-grammar'
export { DOCUMENTS_ONLINE_LANGUAGES, type SymbolLink, symbolLinks, symbolSearchUrl } from './symbol-links'
export { nextSymbolInSeries } from './symbol-series'
export { tableOfContents } from './table-of-contents'
export { CONTENT_FIELD, META_MAP, readMeta, readNoticeFromYDoc, writeMeta, writeNoticeToYDoc } from './ydoc'
export { noticeChangeProblems, openNoticeRoots } from './ydoc-check'
export { type LenientNotice, readNoticeLeniently } from './ydoc-lenient-read'
export { applyNoticeToYDoc } from './ydoc-restore'
export { rewriteSpeakers, speakersInYDoc } from './ydoc-speakers'
