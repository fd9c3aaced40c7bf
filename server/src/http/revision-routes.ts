/**
 * The revisions HTTP API, mounted at `/api/notices`: list, take (named or frozen), read, name,
 * freeze, delete and restore revisions of a notice, and compare two versions. Reading needs the
 * `read` permission, everything else `edit`; bodies and parameters are validated here, failures
 * are thrown for the app's one error handler (a frozen revision's refusal is a 409). Bodies are
 * @convene/protocol's (revisions.ts).
 */
import {
  type CompareResult,
  createRevisionRequestSchema,
  freezeRevisionRequestSchema,
  labelRevisionRequestSchema,
  type RestoreResult,
  type RevisionDetail,
  type RevisionSummary,
  type RevisionTimeline,
} from '@convene/protocol'
import { type Context, Hono } from 'hono'
import type { RevisionService } from '../revisions/revision-service'
import { ApiError } from './api-error'
import { parseBody, readJsonBody } from './request-body'

/** What a revision route needs from the caller: to see the notice, or to change it. */
export const REVISION_ACCESS = ['read', 'edit'] as const

/** One of {@link REVISION_ACCESS}. */
export type RevisionAccess = (typeof REVISION_ACCESS)[number]

/** What the revision routes need from the rest of the server. */
export type RevisionRoutesDeps = {
  revisions: RevisionService
  /**
   * Lets the request through or throws an `ApiError` (401/403): `read` to list, read and compare
   * (any role), `edit` to take, name, freeze, delete and restore (editors and owners). Required,
   * so that no revision route is ever mounted open.
   */
  authorize: (c: Context, noticeId: string, need: RevisionAccess) => Promise<void>
  /** The signed-in user, recorded as the author of the revisions they take; absent: none (null). */
  currentUserId?: (c: Context) => string | null
  /** The display names of author ids, shown in the timeline as `authorName`; absent: none (null). */
  authorNames?: (ids: string[]) => Promise<Map<string, string>>
}

const REV_PATTERN = /^[1-9][0-9]{0,14}$/

/** A revision number from the URL or the query; a 400 naming `field` for anything else. */
function parseRev(text: string | undefined, field: string): number {
  if (text === undefined) throw new ApiError(400, `Missing ${field}: a revision number is required`)
  if (!REV_PATTERN.test(text)) {
    throw new ApiError(400, `Invalid ${field} "${text}": a revision number is a positive integer (1, 2, 3 …)`)
  }
  return Number(text)
}

/** The revision routes, served from `deps`. */
export function revisionRoutes(deps: RevisionRoutesDeps): Hono {
  const { revisions, authorize } = deps
  const routes = new Hono()
  const author = (c: Context): string | null => deps.currentUserId?.(c) ?? null
  /** The notice id and, for routes that have one, the revision number, after the access check. */
  const target = async (c: Context, need: RevisionAccess): Promise<{ id: string; rev: number }> => {
    const id = c.req.param('id') as string
    await authorize(c, id, need)
    const rev = c.req.param('rev')
    return { id, rev: rev === undefined ? 0 : parseRev(rev, 'revision number (path parameter "rev")') }
  }

  routes.get('/:id/revisions', async (c) => {
    const { id } = await target(c, 'read')
    const timeline = await revisions.list(id)
    const authors = timeline.revisions.flatMap((revision) => (revision.author ? [revision.author] : []))
    const names = (await deps.authorNames?.(authors)) ?? new Map<string, string>()
    return c.json({
      ...timeline,
      revisions: timeline.revisions.map((revision) => ({
        ...revision,
        authorName: (revision.author && names.get(revision.author)) ?? null,
      })),
    } satisfies RevisionTimeline)
  })

  routes.post('/:id/revisions', async (c) => {
    const { id } = await target(c, 'edit')
    const body = parseBody(createRevisionRequestSchema, await readJsonBody(c)) ?? {}
    return c.json((await revisions.create(id, { ...body, author: author(c) })) satisfies RevisionSummary, 201)
  })

  routes.get('/:id/revisions/:rev', async (c) => {
    const { id, rev } = await target(c, 'read')
    return c.json((await revisions.get(id, rev)) satisfies RevisionDetail)
  })

  routes.patch('/:id/revisions/:rev', async (c) => {
    const { id, rev } = await target(c, 'edit')
    const body = parseBody(labelRevisionRequestSchema, await readJsonBody(c))
    return c.json((await revisions.label(id, rev, body.label)) satisfies RevisionSummary)
  })

  routes.delete('/:id/revisions/:rev', async (c) => {
    const { id, rev } = await target(c, 'edit')
    await revisions.delete(id, rev)
    return c.body(null, 204)
  })

  routes.post('/:id/revisions/:rev/freeze', async (c) => {
    const { id, rev } = await target(c, 'edit')
    const body = parseBody(freezeRevisionRequestSchema, await readJsonBody(c)) ?? {}
    return c.json((await revisions.freeze(id, rev, body.label)) satisfies RevisionSummary)
  })

  routes.post('/:id/revisions/:rev/restore', async (c) => {
    const { id, rev } = await target(c, 'edit')
    return c.json((await revisions.restore(id, rev, author(c))) satisfies RestoreResult)
  })

  routes.get('/:id/compare', async (c) => {
    const { id } = await target(c, 'read')
    const from = parseRev(c.req.query('from'), 'query parameter "from"')
    const toText = c.req.query('to') ?? 'live'
    const to =
      toText === 'live' ? 'live' : parseRev(toText, 'query parameter "to" (a revision number or "live")')
    return c.json((await revisions.compare(id, from, to)) satisfies CompareResult)
  })

  return routes
}
