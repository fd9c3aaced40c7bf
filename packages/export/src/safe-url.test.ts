import { describe, expect, it } from 'vitest'
import { safeUrl } from './safe-url'

describe('safeUrl', () => {
  it('keeps web and mail addresses', () => {
    expect(safeUrl('https://docs.wto.org/x?a=%22b%22')).toBe('https://docs.wto.org/x?a=%22b%22')
    expect(safeUrl(' mailto:secretariat@example.org ')).toBe('mailto:secretariat@example.org')
  })

  it('refuses other schemes and addresses that could break out of an attribute', () => {
    for (const href of [
      'javascript:alert(1)',
      'JaVaScRiPt:alert(1)',
      'file:///etc/passwd',
      'data:text/html,x',
      '//evil',
      'https://x/"onmouseover=1',
      'https://x/a b',
      'https://x/\u0000',
      42,
      null,
    ]) {
      expect(safeUrl(href), String(href)).toBeNull()
    }
  })
})
