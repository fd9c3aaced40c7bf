/** The answer of a route that answers 204 No Content: no body at all. */
import { z } from 'zod'

/** A 204 answer's body, read by the client as `undefined`. */
export const noContentSchema = z.undefined()
