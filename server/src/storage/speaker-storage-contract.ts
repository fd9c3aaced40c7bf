/**
 * The one test suite every `SpeakerStorage` backend must pass: call it from a backend's test file
 * with a factory.
 */
import type { SpeakerAttrs } from '@convene/schema'
import { afterEach, describe, expect, it } from 'vitest'
import type { SpeakerStorage } from './speaker-storage'
import { type NoticeStorage, UnknownNoticeError } from './storage'

/** A fresh, empty speaker storage beside the notice storage it belongs with. */
export type SpeakerStorages = {
  notices: NoticeStorage
  speakers: SpeakerStorage
  /** Closes both (and drops whatever the backend made for the test). */
  close(): Promise<void>
}

const fields = (name: string, extra: Partial<SpeakerAttrs> = {}): SpeakerAttrs => ({
  honorific: '',
  name,
  delegation: '',
  role: '',
  preposition: '',
  organisation: '',
  ...extra,
})

const bolwijn = fields('Richard Bolwijn', { role: 'Directeur', preposition: 'à la', organisation: 'CNUCED' })

/** Registers the speaker storage contract tests for backend `name`. */
export function registerSpeakerStorageContractTests(
  name: string,
  factory: () => Promise<SpeakerStorages>,
): void {
  describe(`${name} speaker storage contract`, () => {
    let opened: SpeakerStorages[] = []
    let ids = 0
    const newId = () => `s${++ids}`
    const open = async (): Promise<SpeakerStorages> => {
      const storages = await factory()
      opened.push(storages)
      for (const id of ['n1', 'n2']) {
        await storages.notices.createNotice({
          id,
          summary: { title: id, symbol: '', language: 'fr' },
          state: Uint8Array.of(0, 0),
        })
      }
      return storages
    }
    afterEach(async () => {
      for (const storages of opened) await storages.close()
      opened = []
    })

    it('stores a person once per directory with every notice that names them', async () => {
      const { speakers } = await open()
      await speakers.recordMentions('n1', 'WTO', [{ key: 'richard bolwijn', fields: bolwijn }], newId)
      await speakers.recordMentions(
        'n2',
        'WTO',
        [{ key: 'richard bolwijn', fields: { ...bolwijn, role: 'autre' } }],
        newId,
      )
      await speakers.recordMentions('n2', 'WIPO', [{ key: 'richard bolwijn', fields: bolwijn }], newId)
      const listed = await speakers.listSpeakers()
      expect(listed).toHaveLength(2)
      const wto = listed.find((speaker) => speaker.directory === 'WTO')
      expect(wto).toMatchObject({ ...bolwijn, key: 'richard bolwijn', editedAt: null })
      // n2's WIPO mentions replaced its WTO ones.
      expect(wto?.notices).toEqual(['n1'])
      expect(listed.find((speaker) => speaker.directory === 'WIPO')?.notices).toEqual(['n2'])
    })

    it('replaces the mentions of a notice, keeping the person when nobody names them any more', async () => {
      const { speakers } = await open()
      await speakers.recordMentions(
        'n1',
        'WTO',
        [
          { key: 'richard bolwijn', fields: bolwijn },
          { key: 'kate kallot', fields: fields('Kate Kallot') },
        ],
        newId,
      )
      await speakers.recordMentions(
        'n1',
        'WTO',
        [{ key: 'kate kallot', fields: fields('Kate Kallot') }],
        newId,
      )
      const listed = await speakers.listSpeakers()
      expect(listed.map((speaker) => [speaker.name, speaker.notices]).sort()).toEqual([
        ['Kate Kallot', ['n1']],
        ['Richard Bolwijn', []],
      ])
    })

    it('edits some fields of a person, keeping the others and the mentions', async () => {
      const { speakers } = await open()
      await speakers.recordMentions('n1', 'WTO', [{ key: 'richard bolwijn', fields: bolwijn }], newId)
      const [person] = await speakers.listSpeakers()
      const edited = await speakers.updateSpeaker(
        person?.id ?? '',
        { role: 'Directeur général', honorific: 'M.' },
        9000,
      )
      expect(edited).toMatchObject({ ...bolwijn, role: 'Directeur général', honorific: 'M.', editedAt: 9000 })
      expect(edited?.notices).toEqual(['n1'])
      expect(await speakers.getSpeaker(person?.id ?? '')).toEqual(edited)
      // A later mention does not overwrite the edited fields.
      await speakers.recordMentions('n2', 'WTO', [{ key: 'richard bolwijn', fields: bolwijn }], newId)
      expect(await speakers.getSpeaker(person?.id ?? '')).toMatchObject({
        role: 'Directeur général',
        notices: ['n1', 'n2'],
      })
      expect(await speakers.updateSpeaker('nobody', { role: 'x' }, 1)).toBeNull()
      expect(await speakers.getSpeaker('nobody')).toBeNull()
    })

    it('refuses mentions of a notice that is not stored, and forgets those of a deleted one', async () => {
      const { notices, speakers } = await open()
      await expect(
        speakers.recordMentions('ghost', 'WTO', [{ key: 'richard bolwijn', fields: bolwijn }], newId),
      ).rejects.toBeInstanceOf(UnknownNoticeError)
      expect(await speakers.listSpeakers()).toEqual([])
      await speakers.recordMentions('n1', 'WTO', [{ key: 'richard bolwijn', fields: bolwijn }], newId)
      await speakers.recordMentions('n2', 'WTO', [{ key: 'richard bolwijn', fields: bolwijn }], newId)
      await notices.deleteNotice('n1')
      expect((await speakers.listSpeakers())[0]?.notices).toEqual(['n2'])
    })
  })
}
