/**
 * The work an update from a client may cost, beyond its size in bytes. Applying a Yjs update is
 * not linear in its bytes: an update of 40,000 client ids, each setting the same map key, is under
 * 1 MiB and takes Yjs about 30 s to integrate (every concurrent entry is compared with the others),
 * and even decoding it takes most of a second. An editor's update carries its own client id and,
 * rarely, a few others (offline edits relayed between tabs); a deletion carries one range per run
 * of deleted characters. The decoder below counts as it reads and gives up at the first struct
 * group or range past these bounds, so a refusal costs no more than an update within them.
 */
import * as Y from 'yjs'

/** The bounds every update from a client must stay within. */
export const UPDATE_BUDGET = {
  /**
   * Client ids with structs in one update, and client ids with deletions (1,000 of either apply
   * in about 0.1 s even when every one of them conflicts with all the others).
   */
  maxClients: 1000,
  /** Ranges in the update's delete set (50,000 apply in about 0.2 s). */
  maxDeleteRanges: 50_000,
} as const

/** An update exceeds {@link UPDATE_BUDGET}; the message names the bound. */
export class UpdateBudgetError extends RangeError {
  constructor(message: string) {
    super(message)
    this.name = 'UpdateBudgetError'
  }
}

/**
 * Yjs' V1 update decoder, counting the client ids and deleted ranges it reads and throwing
 * {@link UpdateBudgetError} as soon as one count passes {@link UPDATE_BUDGET}. One instance per
 * update (as `Y.decodeUpdateV2(update, BudgetedUpdateDecoderV1)` creates it).
 */
export class BudgetedUpdateDecoderV1 extends Y.UpdateDecoderV1 {
  private structClients = 0
  private deleteClients = 0
  private deleteRanges = 0

  // Called once per client of the struct section.
  override readClient(): number {
    if (++this.structClients > UPDATE_BUDGET.maxClients) {
      throw new UpdateBudgetError(
        `The update has structs of more than ${UPDATE_BUDGET.maxClients} client ids`,
      )
    }
    return super.readClient()
  }

  // Called once per client of the delete set.
  override resetDsCurVal(): void {
    if (++this.deleteClients > UPDATE_BUDGET.maxClients) {
      throw new UpdateBudgetError(`The update deletes from more than ${UPDATE_BUDGET.maxClients} client ids`)
    }
    super.resetDsCurVal()
  }

  // Called once per deleted range.
  override readDsLen(): number {
    if (++this.deleteRanges > UPDATE_BUDGET.maxDeleteRanges) {
      throw new UpdateBudgetError(
        `The update deletes more than ${UPDATE_BUDGET.maxDeleteRanges} separate ranges`,
      )
    }
    return super.readDsLen()
  }
}
