/** The client side of the speakers' directory API: search it as the speaker form autocompletes. */
import { type DirectorySpeaker, speakerSearchResponseSchema } from '@convene/protocol'
import { apiFetch } from '../api/api-fetch'

/** The people of directory `organisation` whose name, organisation or delegation hold the words of `q`. */
export async function searchSpeakers(q: string, organisation: string): Promise<DirectorySpeaker[]> {
  const params = new URLSearchParams({ q })
  if (organisation) params.set('organisation', organisation)
  return (await apiFetch(`/api/speakers?${params}`, {}, speakerSearchResponseSchema)).speakers
}
