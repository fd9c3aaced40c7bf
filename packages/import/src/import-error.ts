/**
 * The one error of an import that the caller caused: a file too large, of a type we do not read,
 * encrypted, unreadable or without text. It carries the HTTP status the API answers with.
 */

/** Why an import was refused, with the HTTP status that says so (413, 415 or 422). */
export class ImportError extends Error {
  constructor(
    readonly status: 413 | 415 | 422,
    message: string,
    options?: { cause?: unknown },
  ) {
    super(message, options)
    this.name = 'ImportError'
  }
}

/** The largest file an import reads, in bytes (10 MiB): larger ones are refused with 413 before parsing. */
export const MAX_IMPORT_BYTES = 10 * 1024 * 1024

/** The most a DOCX may hold once unzipped, in bytes (declared sizes, checked before anything is inflated). */
export const MAX_UNZIPPED_BYTES = 64 * 1024 * 1024

/** The largest compression ratio a DOCX entry may declare: beyond it the file is taken for a zip bomb. */
export const MAX_COMPRESSION_RATIO = 100
