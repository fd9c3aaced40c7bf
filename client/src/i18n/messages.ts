/**
 * The type every interface dictionary has: the English dictionary's shape with its literal
 * strings widened, so a dictionary that misses or misspells a key fails the typecheck.
 */
import type { en } from './en'

type Widen<T> = T extends string
  ? string
  : T extends (...args: infer A) => string
    ? (...args: A) => string
    : { readonly [K in keyof T]: Widen<T[K]> }

/** All interface text for one language. */
export type Messages = Widen<typeof en>
