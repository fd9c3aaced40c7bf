/**
 * Reading a test server's Prometheus metrics: the servers the tests start get METRICS_TOKEN
 * {@link TEST_METRICS_TOKEN}, and `GET /metrics` is read with it.
 */

/** The METRICS_TOKEN of every server the tests and benchmarks start. */
export const TEST_METRICS_TOKEN = 'test-metrics-token-0123456789'

/** The metrics text of the server at `baseUrl` (`http://host:port`); throws unless it answers 200. */
export async function scrapeMetrics(baseUrl: string): Promise<string> {
  const response = await fetch(`${baseUrl}/metrics`, {
    headers: { authorization: `Bearer ${TEST_METRICS_TOKEN}` },
  })
  const text = await response.text()
  if (response.status !== 200) throw new Error(`GET ${baseUrl}/metrics answered ${response.status}: ${text}`)
  return text
}
