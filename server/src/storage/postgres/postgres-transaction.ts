/**
 * One PostgreSQL transaction on one pooled connection, shared by every PostgreSQL storage
 * (notices, revisions, comments): BEGIN, the work, COMMIT, or ROLLBACK when the work throws.
 */
import type { Pool, PoolClient } from 'pg'

/** Runs `work` in one transaction on one connection of `pool`, rolling back if it throws. */
export async function inTransaction<T>(pool: Pool, work: (client: PoolClient) => Promise<T>): Promise<T> {
  const client = await pool.connect()
  let broken: Error | undefined
  try {
    await client.query('BEGIN')
    const result = await work(client)
    await client.query('COMMIT')
    return result
  } catch (error) {
    try {
      await client.query('ROLLBACK')
    } catch (rollbackError) {
      // A connection that cannot roll back is not handed to anyone else.
      broken = rollbackError instanceof Error ? rollbackError : new Error(String(rollbackError))
    }
    throw error
  } finally {
    client.release(broken)
  }
}
