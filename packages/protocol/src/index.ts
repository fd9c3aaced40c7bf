/**
 * The wire contract between Convene's client, server and tests: close codes, room paths, the HTTP
 * request and response bodies, limits and the y-websocket messages. Each side imports it from here,
 * so a shape changed on one side fails to typecheck or fails a test on the other.
 */
export {}
