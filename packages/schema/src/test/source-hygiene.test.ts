/// <reference types="node" />
/**
 * Keeps the shipped source of @convene/schema runnable in a browser and on the server: no DOM or
 * Node-only globals, no React, no imports of other workspaces' inner files. The package compiles
 * without DOM and Node types for the same reason; this test covers what the compiler cannot see
 * once the tests pull Node types in.
 */
import { readdirSync, readFileSync } from 'node:fs'
import { describe, expect, it } from 'vitest'

const SRC = new URL('../', import.meta.url)
const sourceFiles = readdirSync(SRC, { recursive: true, encoding: 'utf8' })
  .filter((file) => file.endsWith('.ts') && !file.endsWith('.test.ts') && !file.startsWith('test/'))
  .sort()

const FORBIDDEN: [RegExp, string][] = [
  [/\bwindow\b/, 'window'],
  [/\bdocument\./, 'document.'],
  [/\bnavigator\b/, 'navigator'],
  [/\bprocess\./, 'process.'],
  [/\bBuffer\b/, 'Buffer'],
  [/\brequire\(/, 'require('],
  [/from '(node:|fs|path|os|crypto)/, 'a Node built-in import'],
  [/from 'react/, 'a React import'],
  [/from '@convene\//, 'an import of another workspace'],
]

/** Source lines with comments removed (TSDoc may talk about windows and documents). */
const codeLines = (text: string) =>
  text
    .replace(/\/\*[\s\S]*?\*\//g, '')
    .split('\n')
    .map((line) => line.replace(/\/\/.*$/, ''))

describe('the shipped source', () => {
  it('has files to check', () => {
    expect(sourceFiles).toContain('index.ts')
    expect(sourceFiles).toContain('agenda-item.ts')
  })

  it.each(sourceFiles)('%s uses no DOM, Node-only or React API', (file) => {
    const lines = codeLines(readFileSync(new URL(file, SRC), 'utf8'))
    const found = FORBIDDEN.flatMap(([pattern, what]) =>
      lines.flatMap((line, index) => (pattern.test(line) ? [`line ${index + 1}: ${what}`] : [])),
    )
    expect(found).toEqual([])
  })
})
