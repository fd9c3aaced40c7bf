// The worker entry when the server runs from its TypeScript sources (tsx, tests): registers tsx in
// this thread, then serves heavy-work-worker.ts. The compiled server uses heavy-work-worker.js.
import { register } from 'tsx/esm/api'

register()
const worker = await import('./heavy-work-worker.ts')

export default worker.default
