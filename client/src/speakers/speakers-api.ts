/** The client side of the speakers' directory API: search it as the speaker form autocompletes. */
import type { DirectorySpeaker } from '@convene/protocol'
import { request } from '../notices/notices-api'

/** The people of directory `organisation` whose name, organisation or delegation hold the words of `q`. */
export async function searchSpeakers(q: string, organisation: string): Promise<DirectorySpeaker[]> {
  const params = new URLSearchParams({ q })
  if (organisation) params.set('organisation', organisation)
  const answer = await request<{ speakers: DirectorySpeaker[] }>('GET', `/api/speakers?${params}`)
  return answer.speakers
}
