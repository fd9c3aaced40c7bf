/**
 * Which web origins may use the session cookie: the websocket upgrade and every state-changing
 * API request that carries an `Origin` header are checked against it, so a page on another site
 * cannot act with a signed-in user's cookie (cross-site websocket hijacking, CSRF). The allowlist
 * is `ALLOWED_ORIGINS` when configured; otherwise the server's own origin, as the request's `Host`
 * header names it and as the server's URL says.
 */

/** Options of {@link OriginPolicy}. */
export type OriginPolicyOptions = {
  /** The configured allowlist (`scheme://host[:port]`), or null for the server's own origins. */
  allowed: readonly string[] | null
}

const normalize = (origin: string): string => origin.trim().toLowerCase().replace(/\/+$/, '')

/** Decides whether a browser request from an origin may proceed. */
export class OriginPolicy {
  private readonly allowed: ReadonlySet<string> | null
  private readonly own = new Set<string>()

  constructor(options: OriginPolicyOptions) {
    this.allowed = options.allowed ? new Set(options.allowed.map(normalize)) : null
  }

  /** Adds one of the server's own origins (its URL once it listens). */
  addOwnOrigin(url: string): void {
    this.own.add(normalize(new URL(url).origin))
  }

  /**
   * Whether a request whose `Origin` header is `origin`, sent to `host` (its `Host` header), may
   * proceed. The literal origin `null` (sandboxed frames, some redirects) is never allowed.
   */
  allows(origin: string, host: string | undefined): boolean {
    const candidate = normalize(origin)
    if (candidate === 'null') return false
    if (this.allowed) return this.allowed.has(candidate)
    if (this.own.has(candidate)) return true
    if (!host) return false
    const sameHost = normalize(host)
    return candidate === `http://${sameHost}` || candidate === `https://${sameHost}`
  }
}
