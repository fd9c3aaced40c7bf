/** When a comment was written, as people say it: the time for today's, the date and time otherwise. */

/** `time` (ms since the epoch) formatted for `locale`, relative to `now`. */
export function formatCommentTime(time: number, locale: string, now: number = Date.now()): string {
  const date = new Date(time)
  const today = new Date(now)
  const sameDay =
    date.getFullYear() === today.getFullYear() &&
    date.getMonth() === today.getMonth() &&
    date.getDate() === today.getDate()
  return new Intl.DateTimeFormat(
    locale,
    sameDay ? { timeStyle: 'short' } : { dateStyle: 'medium', timeStyle: 'short' },
  ).format(date)
}
