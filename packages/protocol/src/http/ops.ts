/**
 * The bodies of the routes for whoever runs the server: liveness (`GET /api/health`, always 200
 * while the process serves HTTP) and readiness (`GET /api/ready`, 200 when ready, 503 otherwise).
 */
import { z } from 'zod'

/**
 * How the database answers: `unreachable` when a trivial read fails or takes too long, `damaged`
 * when its file fails its integrity check (`PRAGMA quick_check`).
 */
export const databaseStatusSchema = z.enum(['ok', 'unreachable', 'damaged'])

/** What the integrity check found, one sentence each, when the database is `damaged`. */
const databaseProblemsSchema = z.array(z.string()).optional()

/** The Redis link to other instances: `off` when this instance runs alone (no REDIS_URL). */
export const redisStatusSchema = z.enum(['ok', 'degraded', 'off'])

/** `GET /api/health`: `storage` names the backend; `database` and `redis` when the server has its health checks. */
export const healthBodySchema = z.strictObject({
  ok: z.literal(true),
  version: z.string(),
  storage: z.string(),
  database: databaseStatusSchema.optional(),
  databaseProblems: databaseProblemsSchema,
  redis: redisStatusSchema.optional(),
})

/** `GET /api/ready`: a degraded Redis is still ready. */
export const readyBodySchema = z.strictObject({
  ready: z.boolean(),
  database: databaseStatusSchema,
  databaseProblems: databaseProblemsSchema,
  redis: redisStatusSchema,
  stopping: z.boolean(),
})

/** How the database answers. */
export type DatabaseStatus = z.infer<typeof databaseStatusSchema>
/** The Redis link's state. */
export type RedisStatus = z.infer<typeof redisStatusSchema>
/** The body of `GET /api/health`. */
export type HealthBody = z.infer<typeof healthBodySchema>
/** The body of `GET /api/ready`. */
export type ReadyBody = z.infer<typeof readyBodySchema>
