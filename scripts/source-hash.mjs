/**
 * What a build was made from: one SHA-256 over the paths and contents of its source files, kept as
 * a stamp beside the output, so that a build is redone only when a source changed (content, not
 * mtimes: a checkout or a branch switch that touches files without changing them costs nothing).
 * @module
 */
import { createHash } from 'node:crypto'
import { existsSync, readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs'
import { join, relative } from 'node:path'

/** The stamp's file name inside a build's output directory. */
export const STAMP_FILE = '.sources-hash'

/** Directories never read as sources. */
const SKIPPED_DIRS = new Set(['node_modules', 'dist', '.vite'])

/** Unit tests sit beside the code but are never part of a build. */
const TEST_FILE = /\.test\.tsx?$/

/**
 * The hash of every file under `inputs` (files or directories, relative to `root`), in a stable
 * order. A missing input counts as empty, so creating it changes the hash.
 * @param {string} root
 * @param {readonly string[]} inputs
 * @returns {string}
 */
export function sourceHash(root, inputs) {
  const hash = createHash('sha256')
  const files = inputs.flatMap((input) => filesUnder(join(root, input))).sort()
  for (const file of files) {
    hash.update(relative(root, file)).update('\0').update(readFileSync(file)).update('\0')
  }
  return hash.digest('hex')
}

/**
 * @param {string} path
 * @returns {string[]}
 */
function filesUnder(path) {
  if (!existsSync(path)) return []
  if (!statSync(path).isDirectory()) return [path]
  return readdirSync(path, { withFileTypes: true }).flatMap((entry) => {
    if (entry.isDirectory()) return SKIPPED_DIRS.has(entry.name) ? [] : filesUnder(join(path, entry.name))
    return TEST_FILE.test(entry.name) ? [] : [join(path, entry.name)]
  })
}

/**
 * The hash a build in `outDir` was stamped with, or null when it has none (never built, or a build
 * that did not finish).
 * @param {string} outDir
 * @returns {string | null}
 */
export function readStamp(outDir) {
  const file = join(outDir, STAMP_FILE)
  return existsSync(file) ? readFileSync(file, 'utf8').trim() : null
}

/**
 * Marks the build in `outDir` as made from sources of hash `hash`; written last, once the build
 * succeeded.
 * @param {string} outDir
 * @param {string} hash
 */
export function writeStamp(outDir, hash) {
  writeFileSync(join(outDir, STAMP_FILE), `${hash}\n`)
}
