/**
 * The server's structured logger (pino, JSON lines on stdout). Errors go under `err` so pino
 * serialises their message, stack and cause.
 */
import { type Logger, pino } from 'pino'

/** The log levels accepted in configuration (`silent` turns logging off). */
export const LOG_LEVELS = ['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'] as const

/** One of {@link LOG_LEVELS}. */
export type LogLevel = (typeof LOG_LEVELS)[number]

/** Creates the root logger at `level`. */
export function createLogger(level: LogLevel): Logger {
  return pino({ level, base: { service: 'convene-server' } })
}
