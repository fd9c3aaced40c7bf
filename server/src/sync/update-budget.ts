/**
 * The work an update from a client may cost, beyond its size in bytes. Applying a Yjs update is
 * not linear in its bytes: an update of 60,000 client ids, each setting the same map key, is under
 * 1 MiB and takes Yjs about 30 s to integrate (every concurrent entry is compared with the others),
 * stalling every notice of the process. An editor's update carries its own client id and, rarely,
 * a few others (offline edits relayed between tabs); a deletion carries one range per run of
 * deleted characters. Updates past these bounds are refused before anything applies them.
 */
/** The bounds every update from a client must stay within. */
export const UPDATE_BUDGET = {
  /** Distinct client ids among the update's structs and deletions (1,000 apply in about 15 ms). */
  maxClients: 1000,
  /** Ranges in the update's delete set (50,000 apply in about 0.2 s). */
  maxDeleteRanges: 50_000,
} as const

/** An update as `Y.decodeUpdate` returns it. */
export type DecodedUpdate = {
  structs: readonly { id: { client: number } }[]
  /** The delete set: each client id with its deleted ranges. */
  ds: { clients: Map<number, readonly unknown[]> }
}

/**
 * Throws a RangeError naming the bound `update` exceeds (the caller turns it into a close code),
 * or returns when it is within {@link UPDATE_BUDGET}. Linear in the decoded update.
 */
export function checkUpdateBudget(update: DecodedUpdate): void {
  const clients = new Set<number>()
  for (const struct of update.structs) clients.add(struct.id.client)
  let ranges = 0
  for (const [client, deleted] of update.ds.clients) {
    clients.add(client)
    ranges += deleted.length
  }
  if (clients.size > UPDATE_BUDGET.maxClients) {
    throw new RangeError(
      `The update touches ${clients.size} client ids, over the limit of ${UPDATE_BUDGET.maxClients}`,
    )
  }
  if (ranges > UPDATE_BUDGET.maxDeleteRanges) {
    throw new RangeError(
      `The update deletes ${ranges} separate ranges, over the limit of ${UPDATE_BUDGET.maxDeleteRanges}`,
    )
  }
}
