/**
 * The speakers' directory API, mounted at `/api/speakers`: search (anyone signed in, over the
 * notices they can read), and, for the editors of a notice naming a person, changing the person's
 * fields and copying them into the open drafts that name them.
 */
import { applySpeakerRequestSchema, speakerPatchSchema, speakerSearchQuerySchema } from '@convene/protocol'
import { Hono } from 'hono'
import type { MembershipService } from '../accounts/membership-service'
import {
  type SpeakerDirectory,
  SpeakerEditRefusedError,
  UnknownSpeakerError,
} from '../speakers/speaker-directory'
import { ApiError } from './api-error'
import { userAccess } from './notice-access'
import { parseBody, readJsonBody } from './request-body'

/** Runs `work`, answering a person the caller cannot see with a 404, one they may not change with a 403. */
async function knownSpeaker<T>(work: () => Promise<T>): Promise<T> {
  try {
    return await work()
  } catch (error) {
    if (error instanceof UnknownSpeakerError) throw new ApiError(404, error.message, { cause: error })
    if (error instanceof SpeakerEditRefusedError) throw new ApiError(403, error.message, { cause: error })
    throw error
  }
}

/** The speakers routes, served by `directory`, with roles from `memberships`. */
export function speakerRoutes(directory: SpeakerDirectory, memberships: MembershipService): Hono {
  const routes = new Hono()

  routes.get('/', async (c) => {
    const access = await userAccess(c, memberships)
    const query = parseBody(speakerSearchQuerySchema, c.req.query())
    return c.json({ speakers: await directory.search(query, access) })
  })

  routes.patch('/:id', async (c) => {
    const access = await userAccess(c, memberships)
    const patch = parseBody(speakerPatchSchema, await readJsonBody(c))
    return c.json(await knownSpeaker(() => directory.update(c.req.param('id'), patch, access)))
  })

  routes.post('/:id/apply', async (c) => {
    const access = await userAccess(c, memberships)
    const { notices } = parseBody(applySpeakerRequestSchema, await readJsonBody(c))
    const refused = notices.find((id) => !access.canEdit(id))
    if (refused !== undefined) {
      throw new ApiError(access.canRead(refused) ? 403 : 404, `You cannot change notice "${refused}"`)
    }
    return c.json({ updated: await knownSpeaker(() => directory.apply(c.req.param('id'), notices, access)) })
  })

  return routes
}
