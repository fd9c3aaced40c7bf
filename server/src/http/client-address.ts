/**
 * Who the client is, for per-address limits: the address the connection comes from, unless that is
 * one of the configured reverse proxies (TRUSTED_PROXIES), in which case the `X-Forwarded-For`
 * entry the nearest untrusted hop added. A header from anyone else is ignored: a client could write
 * any address in it and escape every limit.
 */
import { BlockList, isIP } from 'node:net'

/** The trusted proxies, parsed once. */
export class TrustedProxies {
  private readonly list = new BlockList()
  private readonly empty: boolean

  /** `entries` are IP addresses and CIDR ranges (`10.0.0.0/8`, `::1`), as checked by the config. */
  constructor(entries: readonly string[]) {
    this.empty = entries.length === 0
    for (const entry of entries) {
      const [address = '', bits] = entry.split('/')
      const family = isIP(address) === 6 ? 'ipv6' : 'ipv4'
      if (bits === undefined) this.list.addAddress(address, family)
      else this.list.addSubnet(address, Number(bits), family)
    }
  }

  /** Whether `address` is a trusted proxy (an IPv4-mapped IPv6 address counts as its IPv4). */
  has(address: string): boolean {
    if (this.empty) return false
    const plain = address.startsWith('::ffff:') && isIP(address.slice(7)) === 4 ? address.slice(7) : address
    const family = isIP(plain)
    if (family === 0) return false
    return this.list.check(plain, family === 6 ? 'ipv6' : 'ipv4')
  }

  /**
   * The client behind a connection from `peer` that carried `forwardedFor` (the `X-Forwarded-For`
   * header, absent or not): walking the header from its end, the first hop that is not a trusted proxy.
   */
  clientOf(peer: string, forwardedFor: string | undefined): string {
    if (!forwardedFor || !this.has(peer)) return peer
    const hops = forwardedFor
      .split(',')
      .map((hop) => hop.trim())
      .filter((hop) => hop !== '')
    for (let index = hops.length - 1; index >= 0; index -= 1) {
      const hop = hops[index] as string
      if (isIP(hop) === 0) return peer
      if (!this.has(hop)) return hop
    }
    return hops[0] ?? peer
  }
}
