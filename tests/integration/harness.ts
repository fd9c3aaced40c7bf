/**
 * Shared pieces of the server integration tests: a real server on port 0 with a temporary data
 * directory (in this process, or as a child process that can be SIGKILLed), stock y-websocket
 * providers in Node, raw websocket clients for exact and hostile input, and small helpers on the Tiptap fragment.
 * Every server gets the administrator {@link TEST_ADMIN} (ADMIN_USERNAME / ADMIN_PASSWORD), and
 * the helpers act as that administrator unless told otherwise: `http` sends its session cookie,
 * websockets its cookie and the server's own Origin, as a browser on the app's page would.
 */
import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { anchorFromRelativePositions, createThread, readNoticeFromYDoc } from '@convene/schema'
import { type RunningServer, type StartServerOptions, startServer } from '@convene/server'
import { WebSocket } from 'ws'
import { WebsocketProvider } from 'y-websocket'
import * as Y from 'yjs'
import { openRawClient, type RawClient } from '../support/raw-client'
import { createdNoticeId, type JsonResponse, requestJson } from '../support/server-api'
import {
  collabUrl,
  listeningUrl,
  type ServerEntry,
  type ServerProcess,
  spawnServerProcess,
} from '../support/server-process'
import { signIn } from '../support/sign-in'

export { signIn } from '../support/sign-in'

/** A running test server and where it keeps its data. */
export type TestServer = RunningServer & { dataDir: string; wsBase: string }

/** The administrator every test server has, and whose session the helpers use. */
export const TEST_ADMIN = { username: 'harness-admin', password: 'harness-admin-password' } as const

const cleanups: (() => Promise<void> | void)[] = []

/** The administrator's session cookie (`name=value`) per server origin (`http://127.0.0.1:<port>`). */
const adminCookies = new Map<string, string>()

/** The http origin a URL (http or ws) belongs to. */
const httpOrigin = (url: string): string => new URL(url.replace(/^ws/, 'http')).origin

/** Signs the helpers in as {@link TEST_ADMIN} on the server at `base`. */
async function signInAdmin(base: string): Promise<void> {
  const { cookie } = await signIn(base, TEST_ADMIN.username, TEST_ADMIN.password)
  adminCookies.set(httpOrigin(base), cookie)
}

/**
 * The headers a browser on the app's page sends when opening a websocket to `url` as the harness
 * administrator: the session cookie and the server's own Origin (none when not signed in there).
 */
export function adminHeaders(url: string): Record<string, string> {
  const origin = httpOrigin(url)
  const cookie = adminCookies.get(origin)
  return cookie ? { cookie, origin } : {}
}

/** Runs (in reverse order) everything the helpers registered; call it in `afterEach`. */
export async function cleanup(): Promise<void> {
  while (cleanups.length > 0) {
    const step = cleanups.pop()
    try {
      await step?.()
    } catch {
      // Best effort: a test that failed may leave things half closed.
    }
  }
}

/** A fresh temporary data directory, removed at cleanup. */
export function tempDataDir(): string {
  const dir = mkdtempSync(join(tmpdir(), 'convene-it-'))
  cleanups.unshift(() => rmSync(dir, { recursive: true, force: true }))
  return dir
}

/**
 * Starts a real server in this process on a random port, with a temporary data directory
 * unless `dataDir` is given, and no built client. Closed at cleanup (closing twice is fine).
 */
export async function startTestServer(options: StartServerOptions = {}): Promise<TestServer> {
  const dataDir = options.dataDir ?? tempDataDir()
  const server = await startServer({
    host: '127.0.0.1',
    port: 0,
    logLevel: (process.env.TEST_LOG_LEVEL as StartServerOptions['logLevel']) ?? 'silent',
    clientDistDir: join(dataDir, 'no-client-build'),
    roomUnloadDelayMs: 200,
    adminUsername: TEST_ADMIN.username,
    adminPassword: TEST_ADMIN.password,
    demoAccounts: false,
    ...options,
    dataDir,
  })
  cleanups.push(() => server.close())
  await signInAdmin(server.url)
  return { ...server, dataDir, wsBase: collabUrl(server.url) }
}

/**
 * A server running as a child process: `node --import tsx server/src/main.ts`, or the compiled
 * `node server/dist/main.js` as `pnpm start` runs it.
 */
export type ChildServer = ServerProcess & { url: string; wsBase: string }

/**
 * Starts the server (`entry`: from source unless told; the compiled one needs `ensureBuilt('server')`
 * first) in a child process on a random port with `DATA_DIR=dataDir`; killed at cleanup.
 */
export async function startChildServer(dataDir: string, entry: ServerEntry = 'source'): Promise<ChildServer> {
  const server = spawnServerProcess(
    {
      PORT: '0',
      HOST: '127.0.0.1',
      DATA_DIR: dataDir,
      LOG_LEVEL: 'warn',
      ADMIN_USERNAME: TEST_ADMIN.username,
      ADMIN_PASSWORD: TEST_ADMIN.password,
    },
    entry,
  )
  cleanups.push(async () => {
    await server.signal('SIGKILL')
  })
  const url = await listeningUrl(server)
  await signInAdmin(url)
  return { ...server, url, wsBase: collabUrl(url) }
}

/** Kills a child server with SIGKILL and waits until it is gone. */
export async function killChild(server: ChildServer): Promise<void> {
  await server.signal('SIGKILL')
}

/** Polls `condition` every 10 ms until it holds; fails with `what` after `timeoutMs`. */
export async function waitFor(condition: () => boolean, what: string, timeoutMs = 10_000): Promise<void> {
  const deadline = Date.now() + timeoutMs
  while (!condition()) {
    if (Date.now() > deadline) throw new Error(`Timed out after ${timeoutMs} ms waiting for ${what}`)
    await new Promise((resolveWait) => setTimeout(resolveWait, 10))
  }
}

/** A stock y-websocket client of one notice. */
export type Client = { doc: Y.Doc; provider: WebsocketProvider; closes: { code: number; reason: string }[] }

/** A `ws` WebSocket class that opens every connection with `headers` (cookie, Origin). */
export function webSocketWithHeaders(headers: Record<string, string>): typeof globalThis.WebSocket {
  class WithHeaders extends WebSocket {
    constructor(address: string | URL, protocols?: string | string[]) {
      super(address, protocols, { headers })
    }
  }
  return WithHeaders as unknown as typeof globalThis.WebSocket
}

/**
 * Connects a stock `y-websocket` WebsocketProvider (server URL `<server>/collab`, room = notice
 * id) with a fresh Y.Doc, and waits until it has synced. By default it connects as the harness
 * administrator; `headers` replaces the cookie and Origin it sends. Destroyed at cleanup.
 */
export async function connectClient(
  wsBase: string,
  noticeId: string,
  options: { synced?: boolean; headers?: Record<string, string> } = {},
): Promise<Client> {
  const doc = new Y.Doc()
  const provider = new WebsocketProvider(wsBase, noticeId, doc, {
    WebSocketPolyfill: webSocketWithHeaders(options.headers ?? adminHeaders(wsBase)),
    // Without this, providers of one room in one process would sync through BroadcastChannel.
    disableBc: true,
    maxBackoffTime: 200,
  })
  const closes: { code: number; reason: string }[] = []
  provider.on('connection-close', (event) => {
    if (event) closes.push({ code: event.code, reason: event.reason })
  })
  cleanups.push(() => {
    provider.destroy()
    doc.destroy()
  })
  if (options.synced !== false) await waitFor(() => provider.synced, `client of ${noticeId} to sync`)
  return { doc, provider, closes }
}

export { contentOf, insertParagraph } from '../support/notice-content'

/** The notice as Tiptap JSON, read with the shared schema like the server does. */
export function noticeOf(doc: Y.Doc): ReturnType<typeof readNoticeFromYDoc> {
  return readNoticeFromYDoc(doc)
}

/**
 * Opens a raw websocket client (no provider: see tests/support/raw-client.ts) at `url` and waits
 * until it is open, as the harness administrator unless `headers` says otherwise; rejects when
 * the upgrade is refused. Closed at cleanup.
 */
export async function openRaw(
  url: string,
  headers: Record<string, string> = adminHeaders(url),
): Promise<RawClient> {
  const client = await openRawClient(url, headers)
  cleanups.push(() => client.close())
  return client
}

/**
 * JSON over HTTP: status and parsed body (undefined when empty), as the harness administrator
 * unless `headers` says otherwise (`{}`: signed out).
 */
export async function http(
  base: string,
  method: string,
  path: string,
  body?: unknown,
  headers?: Record<string, string>,
): Promise<JsonResponse> {
  const cookie = adminCookies.get(httpOrigin(base))
  return requestJson(base, method, path, body, headers ?? (cookie ? { cookie } : {}))
}

/**
 * Calls the JSON API as the harness administrator and fails the test with the answer when the
 * status is not `expected`; resolves to the body.
 */
export async function api<T>(
  server: TestServer,
  method: string,
  path: string,
  expected: number,
  body?: unknown,
): Promise<T> {
  const response = await http(server.url, method, path, body)
  if (response.status !== expected) {
    throw new Error(`${method} ${path} answered ${response.status} instead of ${expected}: ${response.text}`)
  }
  return response.body as T
}

/** Creates a blank notice over HTTP and returns its id. */
export async function createNotice(
  base: string,
  body: unknown = { from: 'blank', language: 'en' },
): Promise<string> {
  return createdNoticeId(await http(base, 'POST', '/api/notices', body))
}

/**
 * Opens a comment thread at the start of notice `noticeId` as the harness administrator, through
 * the comments room; resolves once the server stored it.
 */
export async function openCommentThread(
  server: TestServer,
  noticeId: string,
  text = 'À revoir',
): Promise<void> {
  const me = (await http(server.url, 'GET', '/api/auth/me')).body as {
    user: { id: string; displayName: string }
  }
  const client = await openRaw(`${server.wsBase}/${noticeId}/comments`)
  const content = new Y.Doc().getXmlFragment('content')
  client.change((doc) =>
    createThread(doc, {
      anchor: anchorFromRelativePositions(
        Y.createRelativePositionFromTypeIndex(content, 0),
        Y.createRelativePositionFromTypeIndex(content, 0, -1),
      ),
      quote: 'ordre du jour',
      text,
      author: { id: me.user.id, name: me.user.displayName },
    }),
  )
  const outcome = await client.outcome()
  if (outcome !== 'ok') throw new Error(`The comment thread on ${noticeId} was refused: ${outcome}`)
}
