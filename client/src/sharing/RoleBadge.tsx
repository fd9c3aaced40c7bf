/** A calm badge saying what the signed-in person may do when they cannot edit: comment, or only read. */
import { useLocale } from '../i18n/LocaleProvider'
import type { NoticeAccess } from './roles'

/** The read-only badge; renders nothing for people who can edit. */
export function RoleBadge({ access }: { access: NoticeAccess }) {
  const { t } = useLocale()
  if (access.canEdit) return null
  const text =
    access.role === 'viewer'
      ? t.sharing.viewerBadge
      : access.role === 'reviewer'
        ? t.sharing.reviewerBadge
        : t.sharing.readOnlyBadge
  return (
    <p className="role-badge" data-role={access.role}>
      <svg className="role-badge__icon" viewBox="0 0 16 16" aria-hidden="true" focusable="false">
        {access.canComment ? (
          <path
            d="M3 3.5h10v7H7l-3 2.5v-2.5H3z"
            fill="none"
            stroke="currentColor"
            strokeWidth="1.3"
            strokeLinejoin="round"
          />
        ) : (
          <path
            d="M1.5 8s2.4-4.5 6.5-4.5S14.5 8 14.5 8 12.1 12.5 8 12.5 1.5 8 1.5 8ZM8 10a2 2 0 1 0 0-4 2 2 0 0 0 0 4Z"
            fill="none"
            stroke="currentColor"
            strokeWidth="1.3"
          />
        )}
      </svg>
      {text}
    </p>
  )
}
