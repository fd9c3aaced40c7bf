/**
 * The compiled server: esbuild bundles server/src and the workspace packages it imports into
 * server/dist/main.js and the worker thread entry heavy-work-worker.js (plus shared chunks), so that `pnpm start` runs plain
 * `node` with no TypeScript loader. Third-party packages are not bundled: each is imported from the
 * file Node would load for the module that names it, so packages that read files beside their own
 * code (pdfkit's font metrics, pino's transport workers, ioredis' `__dirname`) and native modules
 * (better-sqlite3, pg-native) work exactly as they do unbundled.
 * @module
 */
import { readFile, rm } from 'node:fs/promises'
import { join, relative, resolve, sep } from 'node:path'
import * as esbuild from 'esbuild'

/** Workspace sources are bundled; every other bare specifier is a third-party package. */
const WORKSPACE_SCOPE = '@convene/'

/**
 * Builds the server of the repository at `root` into `<root>/server/dist` (emptied first).
 * @param {string} root
 * @returns {Promise<void>}
 */
export async function bundleServer(root) {
  const outDir = join(root, 'server', 'dist')
  await rm(outDir, { recursive: true, force: true })
  await esbuild.build({
    absWorkingDir: root,
    entryPoints: {
      main: join(root, 'server', 'src', 'main.ts'),
      // Started by heavy-work-pool.ts as a worker thread, found beside the bundle under this name.
      'heavy-work-worker': join(root, 'server', 'src', 'work', 'heavy-work-worker.ts'),
    },
    outdir: outDir,
    bundle: true,
    splitting: true,
    // Chunks beside main.js: the paths written by both plugins are relative to this one directory.
    chunkNames: '[name]-[hash]',
    format: 'esm',
    platform: 'node',
    target: 'node20',
    // For a debugger, or `node --enable-source-maps` when a stack must name the sources: `pnpm start`
    // runs without that flag, which holds the maps in memory (about 20 MB more resident).
    sourcemap: 'linked',
    logLevel: 'warning',
    plugins: [thirdPartyWhereInstalled(outDir), ownModuleUrl(root, outDir)],
  })
}

/**
 * Leaves every third-party import out of the bundle, rewritten to the path of the file it resolves
 * to from the module that imports it. Node alone could not find most of them from server/dist:
 * pnpm links a package only into the node_modules of the workspace that depends on it.
 * @param {string} outDir
 * @returns {esbuild.Plugin}
 */
function thirdPartyWhereInstalled(outDir) {
  return {
    name: 'third-party-where-installed',
    setup(build) {
      build.onResolve({ filter: /^[^./]/ }, async (args) => {
        if (args.pluginData === RESOLVING || args.path.startsWith(WORKSPACE_SCOPE)) return undefined
        if (args.path.startsWith('node:')) return { path: args.path, external: true }
        const resolved = await build.resolve(args.path, {
          kind: args.kind,
          importer: args.importer,
          resolveDir: args.resolveDir,
          pluginData: RESOLVING,
        })
        // Not installed (pg's optional pg-native) or a Node built-in without its prefix: as written,
        // so that Node reports or loads it exactly as it would unbundled.
        if (resolved.errors.length > 0 || resolved.external) return { path: args.path, external: true }
        return { path: importPath(outDir, resolved.path), external: true }
      })
    },
  }
}

/** Marks this plugin's own resolutions, which it must not intercept again. */
const RESOLVING = Symbol('resolving')

/**
 * An ESM import specifier from a module in `outDir` to the file `target`.
 * @param {string} outDir
 * @param {string} target
 * @returns {string}
 */
function importPath(outDir, target) {
  const path = relative(outDir, target).split(sep).join('/')
  return path.startsWith('.') ? path : `./${path}`
}

/**
 * Gives each bundled workspace module its own `import.meta.url` (its source file, found relative
 * to the bundle so that the checkout may move), so that paths it resolves from where it lives
 * (the repository root in config.ts, the fonts package in fonts.ts) stay right once bundled.
 * @param {string} root
 * @param {string} outDir
 * @returns {esbuild.Plugin}
 */
function ownModuleUrl(root, outDir) {
  const workspaceSource = new RegExp(`^${escapeRegExp(resolve(root))}/(server|packages)/.*\\.tsx?$`)
  return {
    name: 'own-module-url',
    setup(build) {
      build.onLoad({ filter: workspaceSource }, async (args) => {
        const source = await readFile(args.path, 'utf8')
        if (!source.includes('import.meta.url')) return undefined
        const own = `new URL(${JSON.stringify(importPath(outDir, args.path))}, import.meta.url).href`
        return { contents: source.replaceAll('import.meta.url', own), loader: 'ts' }
      })
    },
  }
}

/**
 * @param {string} text
 * @returns {string}
 */
function escapeRegExp(text) {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')
}
