/**
 * Names for server instances: how instances tell each other's messages apart, and how an
 * operator recognises one in logs and in Redis' CLIENT LIST.
 */
import { randomBytes } from 'node:crypto'
import { hostname } from 'node:os'

/**
 * A new instance id: host name, process id and random bytes, so that a restarted process on the
 * same host (same pid reused, or a container) never takes the id of the one before it.
 */
export function newInstanceId(): string {
  const host =
    hostname()
      .replace(/[^A-Za-z0-9.-]/g, '-')
      .slice(0, 40) || 'host'
  return `${host}-${process.pid}-${randomBytes(4).toString('hex')}`
}
