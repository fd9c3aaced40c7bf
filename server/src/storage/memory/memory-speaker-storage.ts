/**
 * The speakers' directory held in process memory, beside a memory notice storage: nothing
 * survives a restart. A mention counts while the notice storage holds its notice.
 */
import type { SpeakerRecord, SpeakerStorage } from '../speaker-storage'
import { type NoticeStorage, UnknownNoticeError } from '../storage'

type MemorySpeaker = Omit<SpeakerRecord, 'notices'>

/** Creates an empty in-memory {@link SpeakerStorage} for the notices of `notices`. */
export function createMemorySpeakerStorage(notices: Pick<NoticeStorage, 'getNotice'>): SpeakerStorage {
  const speakers = new Map<string, MemorySpeaker>()
  /** Speaker id -> the notices mentioning them. */
  const mentions = new Map<string, Set<string>>()
  let closed = false

  const open = (): void => {
    if (closed) throw new Error('The memory speaker storage is closed')
  }
  const record = async (speaker: MemorySpeaker): Promise<SpeakerRecord> => {
    const ids: string[] = []
    for (const noticeId of mentions.get(speaker.id) ?? []) {
      if ((await notices.getNotice(noticeId)) !== null) ids.push(noticeId)
    }
    return { ...speaker, notices: ids.sort() }
  }

  return {
    async recordMentions(noticeId, directory, named, newId) {
      open()
      if ((await notices.getNotice(noticeId)) === null) throw new UnknownNoticeError(noticeId)
      for (const set of mentions.values()) set.delete(noticeId)
      for (const mention of named) {
        let speaker = [...speakers.values()].find(
          (candidate) => candidate.directory === directory && candidate.key === mention.key,
        )
        if (!speaker) {
          speaker = { id: newId(), directory, key: mention.key, editedAt: null, ...mention.fields }
          speakers.set(speaker.id, speaker)
        }
        const set = mentions.get(speaker.id) ?? new Set<string>()
        set.add(noticeId)
        mentions.set(speaker.id, set)
      }
    },
    async listSpeakers() {
      open()
      return Promise.all([...speakers.values()].map(record))
    },
    async getSpeaker(id) {
      open()
      const speaker = speakers.get(id)
      return speaker ? record(speaker) : null
    },
    async updateSpeaker(id, fields, editedAt) {
      open()
      const speaker = speakers.get(id)
      if (!speaker) return null
      const updated = { ...speaker, ...fields, editedAt }
      speakers.set(id, updated)
      return record(updated)
    },
    async close() {
      closed = true
    },
  }
}
