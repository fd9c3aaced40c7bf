/**
 * Connection URLs as messages and logs may show them: without their password. Apart from the
 * backends so that naming a URL (in the configuration, for Redis) does not load a database driver.
 */

/**
 * `url` without its password, to name a database in messages and logs. A value that is not a
 * URL is returned as it is.
 */
export function redactDatabaseUrl(url: string): string {
  try {
    const parsed = new URL(url)
    if (parsed.password) parsed.password = '***'
    return parsed.toString()
  } catch {
    return url
  }
}
