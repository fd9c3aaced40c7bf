/**
 * Guesses a notice's language (English, French or Spanish) from its most frequent short words.
 */
import { NOTICE_LANGUAGES, type NoticeLanguage } from '@convene/schema'
import { STOP_WORDS } from './language-words'

/** The language whose stop words `text` uses most; English for a text without any. */
export function guessLanguage(text: string): NoticeLanguage {
  const words = text.toLowerCase().match(/[\p{L}]+/gu) ?? []
  const counts = new Map<string, number>()
  for (const word of words) counts.set(word, (counts.get(word) ?? 0) + 1)
  let best: NoticeLanguage = 'en'
  let bestScore = 0
  for (const language of NOTICE_LANGUAGES) {
    const score = STOP_WORDS[language].reduce((sum, word) => sum + (counts.get(word) ?? 0), 0)
    if (score > bestScore) {
      best = language
      bestScore = score
    }
  }
  return best
}
