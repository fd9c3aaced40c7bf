import { describe, expect, it } from 'vitest'
import { canonicalJson } from './canonical-json'

describe('canonicalJson', () => {
  it('spells objects built in different key orders the same, keys sorted at every depth', () => {
    const a = {
      meta: { title: 'T', language: 'fr' },
      content: { type: 'doc', attrs: { b: 1, a: [2, { z: 0, y: 1 }] } },
    }
    const b = {
      content: { attrs: { a: [2, { y: 1, z: 0 }], b: 1 }, type: 'doc' },
      meta: { language: 'fr', title: 'T' },
    }
    expect(canonicalJson(a)).toBe(canonicalJson(b))
    expect(canonicalJson(a)).toBe(
      '{"content":{"attrs":{"a":[2,{"y":1,"z":0}],"b":1},"type":"doc"},"meta":{"language":"fr","title":"T"}}',
    )
  })

  it('keeps array order, leaves out undefined properties and escapes strings like JSON', () => {
    expect(canonicalJson({ list: [3, 1, 2], gone: undefined, text: 'l’avis "à" \n' })).toBe(
      '{"list":[3,1,2],"text":"l’avis \\"à\\" \\n"}',
    )
    expect(canonicalJson([undefined, null])).toBe('[null,null]')
  })

  it('refuses what JSON cannot carry, naming where it is', () => {
    expect(() => canonicalJson({ a: [1, Number.NaN] })).toThrow(
      'Cannot write NaN at $.a[1] as canonical JSON',
    )
    expect(() => canonicalJson({ when: new Date(0) })).toThrow(
      'Cannot write a Date object at $.when as canonical JSON',
    )
    expect(() => canonicalJson({ f: () => 1 })).toThrow('Cannot write a function at $.f as canonical JSON')
  })
})
