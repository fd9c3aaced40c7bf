/**
 * Saving benchmark results as JSON under tests/bench/results/: a timestamped file per run (ignored
 * by git) and `latest-<name>.json`, which is committed so a change in figures shows in review.
 */
import { mkdirSync, writeFileSync } from 'node:fs'
import path from 'node:path'
import { fileURLToPath } from 'node:url'

/** The folder holding the JSON results. */
export const RESULTS_DIR = path.join(path.dirname(fileURLToPath(import.meta.url)), 'results')

/** Writes `result` as `latest-<name>.json` and `<name>-<timestamp>.json`; returns the latest path. */
export function saveResult(name: string, result: unknown): string {
  mkdirSync(RESULTS_DIR, { recursive: true })
  const json = `${JSON.stringify(result, (_key, value) => (Number.isNaN(value) ? null : value), 2)}\n`
  const stamp = new Date().toISOString().replace(/[:.]/g, '-')
  writeFileSync(path.join(RESULTS_DIR, `${name}-${stamp}.json`), json)
  const latest = path.join(RESULTS_DIR, `latest-${name}.json`)
  writeFileSync(latest, json)
  return latest
}
