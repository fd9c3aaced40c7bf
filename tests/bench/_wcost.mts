import { BenchWriter, seedUpdate } from './bench-writer.ts'
import { markerText } from './edit-marker.ts'
import { WireProtocol } from './wire.ts'
import * as Y from 'yjs'
const proto = new WireProtocol({ kind: 'y-websocket' })
const got: Uint8Array[] = []
const fake = { protocol: proto, send: (m: Uint8Array) => { got.push(m); return true } } as any
const seed = seedUpdate(2)
const w = new BenchWriter(fake, seed, 0)
let id = 0
for (let round = 0; round < 6; round++) {
  const t = performance.now()
  for (let i = 0; i < 20000; i++) w.type(markerText(id++))
  console.log('edits', id, 'µs/edit', ((performance.now() - t) * 1000 / 20000).toFixed(2))
}
const d = new Y.Doc(); for (const m of got) Y.applyUpdate(d, m.subarray(3))
console.log(d.getXmlFragment('content').length, d.getXmlFragment('content').toString().slice(0, 200))
