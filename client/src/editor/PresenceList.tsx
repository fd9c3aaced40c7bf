/** The people in the notice, as coloured initials matching their carets; your own opens the name dialog. */

import { useLocale } from '../i18n/LocaleProvider'
import { initials } from '../identity/user-colour'
import type { Presence } from './use-presence'

/** Props of `PresenceList`. */
export type PresenceListProps = { people: Presence[]; onRename: () => void }

/** The list of people present. */
export function PresenceList({ people, onRename }: PresenceListProps) {
  const { t } = useLocale()
  return (
    <section className="presence" aria-label={t.presence}>
      <ul className="presence__list">
        {people.map((person) => (
          <li key={person.clientId} className="presence__person">
            {person.isSelf ? (
              <button
                type="button"
                className="avatar avatar--button"
                style={{ backgroundColor: person.color }}
                aria-label={`${person.name} (${t.you}). ${t.changeName}`}
                data-tip={`${person.name} (${t.you}) · ${t.changeName}`}
                onClick={onRename}
              >
                <span aria-hidden="true">{initials(person.name)}</span>
              </button>
            ) : (
              <span className="avatar" style={{ backgroundColor: person.color }} data-tip={person.name}>
                <span aria-hidden="true">{initials(person.name)}</span>
                <span className="visually-hidden">{person.name}</span>
              </span>
            )}
          </li>
        ))}
      </ul>
    </section>
  )
}
