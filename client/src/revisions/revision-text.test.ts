import { describe, expect, it } from 'vitest'
import { en } from '../i18n/en'
import { revisionAuthor } from './revision-text'

describe('revisionAuthor', () => {
  it('says "You" for your own revision, the author’s name for someone else’s, nothing for automatic ones', () => {
    expect(revisionAuthor({ author: 'me', authorName: 'Amina Diallo' }, 'me', en)).toBe('You')
    expect(revisionAuthor({ author: 'u2', authorName: 'Bruno Costa' }, 'me', en)).toBe('Bruno Costa')
    expect(revisionAuthor({ author: 'gone', authorName: null }, 'me', en)).toBe('Someone else')
    expect(revisionAuthor({ author: null, authorName: null }, 'me', en)).toBe('')
  })
})
