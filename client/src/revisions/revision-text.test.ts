import { describe, expect, it } from 'vitest'
import { en } from '../i18n/en'
import { revisionAuthor } from './revision-text'

describe('revisionAuthor', () => {
  it('says "You" for your own revision, the author’s name for someone else’s, nothing for automatic ones', () => {
    expect(revisionAuthor({ authorId: 'me', authorName: 'Amina Diallo' }, 'me', en)).toBe('You')
    expect(revisionAuthor({ authorId: 'u2', authorName: 'Bruno Costa' }, 'me', en)).toBe('Bruno Costa')
    expect(revisionAuthor({ authorId: 'gone', authorName: null }, 'me', en)).toBe('Someone else')
    expect(revisionAuthor({ authorId: null, authorName: null }, 'me', en)).toBe('')
  })
})
