import { startServer } from '@convene/server'
const server = await startServer({ port: 8787, dataDir: '/tmp/convene-dev', logLevel: 'warn' })
console.log('up', server.url)
