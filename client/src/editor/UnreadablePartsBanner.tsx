/**
 * The banner over a notice whose stored state holds parts the notice schema cannot read (stored
 * before the server checked updates, or written into the database by hand): the editor shows the
 * rest, and this says that something is missing and what, as the schema's lenient reader named it.
 */
import { useLocale } from '../i18n/LocaleProvider'

/** Says what the lenient reader dropped; renders nothing when `problems` is empty. */
export function UnreadablePartsBanner({ problems }: { problems: readonly string[] }) {
  const { t } = useLocale()
  if (problems.length === 0) return null
  return (
    <section className="refused-banner unreadable-banner" role="status" aria-labelledby="unreadable-title">
      <p id="unreadable-title">
        <strong>{t.unreadableParts.title}</strong> {t.unreadableParts.body}
      </p>
      <details>
        <summary>{t.unreadableParts.details(problems.length)}</summary>
        <ul>
          {problems.map((problem) => (
            <li key={problem} lang="en">
              {problem}
            </li>
          ))}
        </ul>
      </details>
    </section>
  )
}
