/**
 * The Hocuspocus peer for the benchmarks: @hocuspocus/server 3.4.4 with its defaults (no database
 * extension, documents in memory, unloaded when their last client leaves), listening on
 * 127.0.0.1:$PORT. Plain JavaScript run by plain `node`, as Hocuspocus runs in production, so no
 * TypeScript loader adds to the CPU and memory measured for it.
 */
import { Server } from '@hocuspocus/server'

const port = Number(process.env.PORT)
if (!Number.isInteger(port) || port <= 0)
  throw new Error(`PORT must be a port number, got "${process.env.PORT}"`)

await new Server({ port, address: '127.0.0.1', quiet: true }).listen()
console.log(`hocuspocus listening on 127.0.0.1:${port}`)
