/**
 * `PRAGMA quick_check` of a SQLite file on a connection of its own (read-only), so that it can run
 * on a worker thread while the server's connection keeps serving: the b-tree structure, overflow
 * chains and free list of every page are verified, in time linear in the file's size.
 */
import BetterSqlite3 from 'better-sqlite3'

/** The most problems one check reports. */
const MAX_PROBLEMS = 20

/**
 * What `PRAGMA quick_check` finds wrong with the SQLite database `file`, one sentence each
 * ("Tree 4 page 12 cell 0: …"), or an empty list when it is sound. A check that stops (a page so
 * damaged that SQLite refuses to read on: "database disk image is malformed") or a file that cannot
 * be opened is reported as one problem naming why; never throws.
 */
export function sqliteQuickCheck(file: string): string[] {
  let db: BetterSqlite3.Database | null = null
  try {
    db = new BetterSqlite3(file, { readonly: true, fileMustExist: true })
    const rows = db.pragma(`quick_check(${MAX_PROBLEMS})`) as { quick_check: string }[]
    return rows.map((row) => row.quick_check).filter((message) => message !== 'ok')
  } catch (error) {
    return [`the check stopped: ${error instanceof Error ? error.message : String(error)}`]
  } finally {
    db?.close()
  }
}
