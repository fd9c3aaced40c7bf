/**
 * Everything specific to running on Node, in one place: the HTTP server (@hono/node-server),
 * websocket upgrades on `/collab/...` (`ws` in noServer mode, with a payload limit and
 * heartbeats), the built client read from disk, and an orderly stop.
 */
import { existsSync } from 'node:fs'
import { readFile } from 'node:fs/promises'
import type { IncomingMessage, Server } from 'node:http'
import type { AddressInfo } from 'node:net'
import { join } from 'node:path'
import type { Duplex } from 'node:stream'
import { COLLAB_PATH } from '@convene/protocol'
import { serve } from '@hono/node-server'
import { getConnInfo } from '@hono/node-server/conninfo'
import { serveStatic } from '@hono/node-server/serve-static'
import type { Context, MiddlewareHandler } from 'hono'
import type { Logger } from 'pino'
import { type RawData, type WebSocket, WebSocketServer } from 'ws'
import type { ClientAssets } from './http/client-assets'
import { sendOrDrop } from './sync/backpressure'
import type { CollabGateway } from './sync/collab-gateway'
import { AddressConnections, type ConnectionLimits } from './sync/connection-limits'
import type { PeerGrant } from './sync/peer-policy'

/** Told what the websockets do, for metrics. No method may throw. */
export type SocketMeter = {
  opened(): void
  closed(): void
  /** A message of `bytes` bytes arrived. */
  received(bytes: number): void
  /** A message of `bytes` bytes was handed to the socket. */
  sent(bytes: number): void
}

/** Options of {@link listenNode}. */
export type NodeListenOptions = {
  /** The HTTP handler (the Hono app's `fetch`). */
  fetch: (request: Request) => Response | Promise<Response>
  gateway: CollabGateway
  host: string
  port: number
  /** The websocket `maxPayload`: larger frames are refused by `ws` with close code 1009. */
  maxMessageBytes: number
  logger: Logger
  /** How often dead websocket connections are looked for, in milliseconds (default 30 s). */
  heartbeatMs?: number
  /** Counts connections and messages. */
  meter?: SocketMeter
  /** Websockets per client address (over it: HTTP 429) and per-socket send queue (default: none). */
  limits?: Pick<ConnectionLimits, 'maxConnectionsPerIp' | 'maxBufferedBytes'>
  /**
   * Decides on each websocket upgrade request before it is upgraded (origin, credentials, role);
   * a refusal is answered with a plain HTTP status and the socket is never upgraded.
   */
  authorizeUpgrade?: (request: IncomingMessage) => Promise<UpgradeVerdict>
  /**
   * The client an upgrade request comes from, for the per-address limit (default: the socket's
   * remote address); behind a trusted proxy, the address it forwards.
   */
  clientAddress?: (peer: string, forwardedFor: string | undefined) => string
}

/** What {@link NodeListenOptions.authorizeUpgrade} decides. */
export type UpgradeVerdict =
  | { ok: true; grant: PeerGrant }
  | { ok: false; status: 400 | 401 | 403 | 404; message: string }

const STATUS_TEXT: Record<number, string> = {
  400: 'Bad Request',
  401: 'Unauthorized',
  403: 'Forbidden',
  404: 'Not Found',
}

/** A listening server. */
export type NodeListener = {
  /** The URL to open, e.g. `http://127.0.0.1:8787`. */
  url: string
  /** The port actually bound (useful with port 0). */
  port: number
  /** Stops accepting connections and websocket upgrades; existing connections stay open. */
  stopAccepting(): void
  /** Stops accepting, then ends every remaining connection; resolves when the server is closed. */
  close(): Promise<void>
}

/** The URL a browser should open for a server bound to `host`:`port`. */
export function serverUrl(host: string, port: number): string {
  const shown = host === '0.0.0.0' || host === '::' || host === '' ? 'localhost' : host
  return `http://${shown.includes(':') ? `[${shown}]` : shown}:${port}`
}

function rejectUpgrade(socket: Duplex, status: number, text: string, body = ''): void {
  if (socket.destroyed) return
  const length = Buffer.byteLength(body, 'utf8')
  socket.end(
    `HTTP/1.1 ${status} ${text}\r\nConnection: close\r\nContent-Type: text/plain; charset=utf-8\r\nContent-Length: ${length}\r\n\r\n${body}`,
  )
}

/** The address of the client that sent the request (for rate limits), or `unknown`. */
export function nodeClientAddress(c: Context): string {
  try {
    return getConnInfo(c).remote.address ?? 'unknown'
  } catch {
    // Not served by @hono/node-server (app.request() in tests).
    return 'unknown'
  }
}

/** Copies a `ws` message into one fresh, exactly sized Uint8Array (never a view of a pooled buffer). */
function toBytes(data: RawData): Uint8Array {
  if (Array.isArray(data)) {
    const out = new Uint8Array(data.reduce((total, part) => total + part.length, 0))
    let offset = 0
    for (const part of data) {
      out.set(part, offset)
      offset += part.length
    }
    return out
  }
  return data instanceof ArrayBuffer ? new Uint8Array(data.slice(0)) : new Uint8Array(data)
}

const wait = (ms: number): Promise<void> => new Promise((resolve) => setTimeout(resolve, ms).unref())

/** Serves `options.fetch` over HTTP and the collaboration websockets on `host`:`port`. */
export async function listenNode(options: NodeListenOptions): Promise<NodeListener> {
  const { gateway, logger, meter } = options
  const maxConnectionsPerIp = options.limits?.maxConnectionsPerIp ?? 0
  const maxBufferedBytes = options.limits?.maxBufferedBytes ?? 0
  const perAddress = new AddressConnections(maxConnectionsPerIp)
  const wss = new WebSocketServer({
    noServer: true,
    maxPayload: options.maxMessageBytes,
    perMessageDeflate: false,
  })
  const alive = new WeakMap<WebSocket, boolean>()
  let accepting = true

  const server = await new Promise<Server>((resolve, reject) => {
    const created = serve({ fetch: options.fetch, hostname: options.host, port: options.port }, () =>
      resolve(created as Server),
    ) as Server
    created.once('error', reject)
  })
  server.on('error', (error) => logger.error({ err: error }, 'HTTP server error'))

  server.on('upgrade', (request, socket, head) => {
    socket.on('error', (error) => logger.debug({ err: error }, 'upgrade socket error'))
    let pathname: string
    try {
      pathname = new URL(request.url ?? '/', 'http://localhost').pathname
    } catch {
      rejectUpgrade(socket, 400, 'Bad Request')
      return
    }
    if (!accepting) return rejectUpgrade(socket, 503, 'Service Unavailable')
    if (pathname !== COLLAB_PATH && !pathname.startsWith(`${COLLAB_PATH}/`)) {
      return rejectUpgrade(socket, 404, 'Not Found')
    }
    // Counted from the upgrade request on, before authorising it, until the socket closes.
    const peer = request.socket.remoteAddress ?? 'unknown'
    const forwardedFor = request.headers['x-forwarded-for']
    const address = options.clientAddress
      ? options.clientAddress(peer, Array.isArray(forwardedFor) ? forwardedFor.join(',') : forwardedFor)
      : peer
    const release = perAddress.admit(address)
    if (!release) {
      logger.warn({ address }, 'refused a websocket: too many connections from one address')
      const message = `More than ${maxConnectionsPerIp} websocket connections from ${address}`
      return rejectUpgrade(socket, 429, 'Too Many Requests', message)
    }
    socket.once('close', release)
    const authorize = options.authorizeUpgrade
    if (!authorize) return upgrade(request, socket, head, pathname, undefined)
    authorize(request).then(
      (verdict) => {
        if (!verdict.ok) {
          rejectUpgrade(socket, verdict.status, STATUS_TEXT[verdict.status] ?? 'Refused', verdict.message)
        } else if (!accepting) {
          rejectUpgrade(socket, 503, 'Service Unavailable')
        } else {
          upgrade(request, socket, head, pathname, verdict.grant)
        }
      },
      (error: unknown) => {
        logger.error({ err: error }, 'could not authorize a websocket upgrade')
        rejectUpgrade(socket, 500, 'Internal Server Error')
      },
    )
  })

  const upgrade = (
    request: IncomingMessage,
    socket: Duplex,
    head: Buffer,
    pathname: string,
    grant: PeerGrant | undefined,
  ): void => {
    if (socket.destroyed) return
    wss.handleUpgrade(request, socket, head, (ws) => {
      alive.set(ws, true)
      ws.on('pong', () => alive.set(ws, true))
      meter?.opened()
      const connection = gateway.connect(
        pathname,
        {
          send: (message) => {
            const sent = sendOrDrop(ws, message, maxBufferedBytes, (buffered) =>
              logger.warn({ buffered }, 'dropped a websocket that stopped reading (slow consumer)'),
            )
            if (sent) meter?.sent(message.length)
          },
          close: (code, reason) => ws.close(code, reason),
          get isOpen() {
            return ws.readyState === ws.OPEN
          },
        },
        grant,
      )
      ws.on('message', (data, isBinary) => {
        const bytes = toBytes(data)
        meter?.received(bytes.length)
        connection.receive(bytes, isBinary)
      })
      ws.on('close', () => {
        meter?.closed()
        connection.closed()
      })
      // `ws` has already closed the socket (1009 for an oversized frame, 1002 for a protocol
      // violation); without a listener the error would crash the process.
      ws.on('error', (error) => logger.debug({ err: error }, 'websocket error'))
    })
  }

  const heartbeat = setInterval(() => {
    for (const ws of wss.clients) {
      if (alive.get(ws) === false) {
        ws.terminate()
        continue
      }
      alive.set(ws, false)
      ws.ping()
    }
  }, options.heartbeatMs ?? 30_000)
  heartbeat.unref()

  const port = (server.address() as AddressInfo).port
  let closed: Promise<void> | null = null

  const stopAccepting = (): void => {
    if (closed) return
    accepting = false
    closed = new Promise<void>((resolve) => server.close(() => resolve()))
    server.closeIdleConnections()
  }

  return {
    url: serverUrl(options.host, port),
    port,
    stopAccepting,
    async close() {
      stopAccepting()
      clearInterval(heartbeat)
      // Peers were closed with 1001 by the rooms; give their closing handshakes a moment.
      for (let waited = 0; wss.clients.size > 0 && waited < 1000; waited += 20) await wait(20)
      for (const ws of wss.clients) ws.terminate()
      wss.close()
      server.closeAllConnections()
      await Promise.race([closed, wait(2000)])
    },
  }
}

/** A plain HTTP listener (the metrics port): serves `fetch` on `host`:`port` until closed. */
export async function listenHttp(options: {
  fetch: (request: Request) => Response | Promise<Response>
  host: string
  port: number
}): Promise<{ url: string; port: number; close(): Promise<void> }> {
  const server = await new Promise<Server>((resolve, reject) => {
    const created = serve({ fetch: options.fetch, hostname: options.host, port: options.port }, () =>
      resolve(created as Server),
    ) as Server
    created.once('error', reject)
  })
  const port = (server.address() as AddressInfo).port
  return {
    url: serverUrl(options.host, port),
    port,
    close: () =>
      new Promise<void>((resolve) => {
        server.close(() => resolve())
        server.closeAllConnections()
      }),
  }
}

/**
 * The built client in directory `dir`, read from disk on each request so that a build made
 * while the server runs is picked up.
 */
export function nodeClientAssets(dir: string): ClientAssets {
  let files: MiddlewareHandler | null = null
  return {
    async serveFile(c, next) {
      // Created once the directory exists: serveStatic complains at creation when it is missing.
      if (!files) {
        if (!existsSync(dir)) return next()
        files = serveStatic({ root: dir })
      }
      return files(c, next)
    },
    async indexHtml() {
      try {
        return await readFile(join(dir, 'index.html'), 'utf8')
      } catch (error) {
        if ((error as NodeJS.ErrnoException).code === 'ENOENT') return null
        throw new Error(`Cannot read the client's index.html in ${dir}`, { cause: error })
      }
    },
  }
}
