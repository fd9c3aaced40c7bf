/** The people in the notice, as coloured initials matching their carets (names come from their sign-in sessions). */

import { useLocale } from '../i18n/LocaleProvider'
import { initials } from '../identity/user-colour'
import type { Presence } from './use-presence'

/** Props of `PresenceList`. */
export type PresenceListProps = { people: Presence[] }

/** The list of people present. */
export function PresenceList({ people }: PresenceListProps) {
  const { t } = useLocale()
  return (
    <section className="presence" aria-label={t.presence}>
      <ul className="presence__list">
        {people.map((person) => {
          const name = person.isSelf ? `${person.name} (${t.you})` : person.name
          return (
            <li key={person.clientId} className="presence__person">
              <span className="avatar" style={{ backgroundColor: person.color }} data-tip={name}>
                <span aria-hidden="true">{initials(person.name)}</span>
                <span className="visually-hidden">{name}</span>
              </span>
            </li>
          )
        })}
      </ul>
    </section>
  )
}
