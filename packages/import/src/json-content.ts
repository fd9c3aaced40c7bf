/** Tiptap JSON content as the schema's notice holds it (the import builds it without depending on Tiptap itself). */
import type { Notice } from '@convene/schema'

/** One node of a notice's content as Tiptap JSON. */
export type JSONContent = Notice['content']
