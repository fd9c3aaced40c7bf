/**
 * `node scripts/build.mjs [client] [server] [--force]` (`pnpm build`; both when none is named):
 * builds the web client (Vite, into client/dist) and the compiled server (esbuild, into
 * server/dist), each only when its sources changed since its last build, so that `pnpm start`
 * costs a build only after a change.
 * @module
 */
import { spawnSync } from 'node:child_process'
import { createRequire } from 'node:module'
import { dirname, join } from 'node:path'
import { fileURLToPath } from 'node:url'
import { bundleServer } from './server-bundle.mjs'
import { readStamp, sourceHash, writeStamp } from './source-hash.mjs'

const ROOT = fileURLToPath(new URL('..', import.meta.url))

/** Sources both builds depend on: the packages they bundle, the installed versions, this script. */
const SHARED_INPUTS = ['packages', 'pnpm-lock.yaml', 'scripts']

/**
 * @typedef {object} Target
 * @property {string} outDir the build's output directory, which holds its stamp
 * @property {string[]} inputs files and directories, relative to the repository root
 * @property {() => Promise<void>} build
 */

/** @type {Record<string, Target>} */
const TARGETS = {
  client: {
    outDir: join(ROOT, 'client', 'dist'),
    inputs: [
      'client/src',
      'client/index.html',
      'client/vite.config.ts',
      'client/package.json',
      ...SHARED_INPUTS,
    ],
    build: buildClient,
  },
  server: {
    outDir: join(ROOT, 'server', 'dist'),
    inputs: ['server/src', 'server/package.json', ...SHARED_INPUTS],
    build: () => bundleServer(ROOT),
  },
}

/** Runs the client's own `vite build`, with the Vite the client depends on. */
async function buildClient() {
  const clientDir = join(ROOT, 'client')
  const vitePackage = createRequire(join(clientDir, 'package.json')).resolve('vite/package.json')
  const result = spawnSync(process.execPath, [join(dirname(vitePackage), 'bin', 'vite.js'), 'build'], {
    cwd: clientDir,
    stdio: 'inherit',
  })
  if (result.status !== 0) {
    throw new Error(
      `vite build failed (${result.error?.message ?? `exit code ${result.status ?? result.signal}`})`,
    )
  }
}

/**
 * Builds `name` unless its stamp matches its sources (or `force`); says which it did.
 * @param {string} name
 * @param {boolean} force
 */
async function ensureBuilt(name, force) {
  const target = TARGETS[name]
  if (!target)
    throw new Error(`Unknown build target "${name}": expected ${Object.keys(TARGETS).join(' or ')}`)
  const hash = sourceHash(ROOT, target.inputs)
  if (!force && readStamp(target.outDir) === hash) {
    console.log(`${name}: up to date (sources unchanged since the last build)`)
    return
  }
  const started = Date.now()
  console.log(`${name}: building...`)
  await target.build()
  writeStamp(target.outDir, hash)
  console.log(`${name}: built in ${((Date.now() - started) / 1000).toFixed(1)} s`)
}

const args = process.argv.slice(2)
const force = args.includes('--force')
const names = args.filter((arg) => arg !== '--force')
try {
  for (const name of names.length > 0 ? names : Object.keys(TARGETS)) await ensureBuilt(name, force)
} catch (error) {
  console.error(`Build failed: ${error instanceof Error ? error.message : String(error)}`)
  process.exit(1)
}
