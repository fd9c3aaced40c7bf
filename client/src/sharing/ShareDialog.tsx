/**
 * The sharing dialog (owners and administrators): the notice's members with their roles, a form to
 * add someone by username, a role menu per member and a remove button. Every change goes to the
 * server at once; its refusals are shown in words, next to what was refused.
 */
import { type FormEvent, useCallback, useEffect, useId, useState } from 'react'
import { ApiError } from '../api/api-error'
import { useLocale } from '../i18n/LocaleProvider'
import { initials, userColour } from '../identity/user-colour'
import { Dialog } from '../ui/Dialog'
import { Icon } from '../ui/Icon'
import { TextField } from '../ui/TextField'
import { listMembers, type Member, removeMember, setMemberRole } from './members-api'
import { isRole, ROLES, type Role } from './roles'

/** Props of `ShareDialog`. */
export type ShareDialogProps = {
  noticeId: string
  noticeTitle: string
  /** The signed-in user's username (their own row says "you"). */
  me: string
  onClose: () => void
}

type Load =
  | { state: 'loading' }
  | { state: 'ready'; members: Member[] }
  | { state: 'failed'; message: string }

const errorText = (error: unknown) => (error instanceof Error ? error.message : String(error))

/** The sharing dialog of one notice. */
export function ShareDialog({ noticeId, noticeTitle, me, onClose }: ShareDialogProps) {
  const { t } = useLocale()
  const [load, setLoad] = useState<Load>({ state: 'loading' })
  const [rowError, setRowError] = useState<{ username: string; message: string } | null>(null)
  const [status, setStatus] = useState('')

  /** Reloads the members; resolves them (none if the list could not be loaded). */
  const refresh = useCallback(
    (): Promise<Member[]> =>
      listMembers(noticeId).then(
        (members) => {
          setLoad({ state: 'ready', members })
          return members
        },
        (error: unknown) => {
          setLoad({ state: 'failed', message: errorText(error) })
          return []
        },
      ),
    [noticeId],
  )
  useEffect(() => {
    void refresh()
  }, [refresh])

  const change = async (member: Member, role: Role) => {
    setRowError(null)
    setStatus('')
    try {
      await setMemberRole(noticeId, member.username, role)
      setStatus(t.sharing.roleChanged(member.displayName, t.sharing.roles[role]))
    } catch (error) {
      setRowError({ username: member.username, message: errorText(error) })
    }
    await refresh()
  }

  const remove = async (member: Member) => {
    setRowError(null)
    setStatus('')
    try {
      await removeMember(noticeId, member.username)
      setStatus(t.sharing.removed(member.displayName))
    } catch (error) {
      setRowError({ username: member.username, message: errorText(error) })
    }
    await refresh()
  }

  return (
    <Dialog open title={t.sharing.title(noticeTitle)} onClose={onClose} className="share-dialog">
      <p className="dialog__intro">{t.sharing.intro}</p>
      <AddMemberForm
        existing={load.state === 'ready' ? load.members : []}
        onAdd={async (username, role) => {
          setStatus('')
          setRowError(null)
          await setMemberRole(noticeId, username, role)
          const members = await refresh()
          const added = members.find((member) => member.username === username.toLowerCase())
          setStatus(t.sharing.added(added?.displayName ?? username, t.sharing.roles[role]))
        }}
      />
      <h3 className="share-dialog__heading">{t.sharing.members}</h3>
      {load.state === 'loading' && <p className="panel__empty">{t.loading}</p>}
      {load.state === 'failed' && (
        <p className="form-alert" role="alert">
          {t.sharing.loadFailed(load.message)}
        </p>
      )}
      {load.state === 'ready' && (
        <ul className="member-list">
          {load.members.map((member) => (
            <MemberRow
              key={member.username}
              member={member}
              isMe={member.username === me}
              error={rowError?.username === member.username ? rowError.message : ''}
              onChange={(role) => void change(member, role)}
              onRemove={() => void remove(member)}
            />
          ))}
        </ul>
      )}
      <p className="share-dialog__status" role="status">
        {status}
      </p>
      <div className="dialog__actions">
        <button type="button" className="button" onClick={onClose}>
          {t.sharing.done}
        </button>
      </div>
    </Dialog>
  )
}

function AddMemberForm({
  existing,
  onAdd,
}: {
  existing: Member[]
  onAdd: (username: string, role: Role) => Promise<void>
}) {
  const { t } = useLocale()
  const [username, setUsername] = useState('')
  const [role, setRole] = useState<Role>('reviewer')
  const [error, setError] = useState('')
  const [busy, setBusy] = useState(false)
  const roleId = useId()

  const submit = async (event: FormEvent) => {
    event.preventDefault()
    const name = username.trim()
    if (!name) {
      setError(t.sharing.usernameRequired)
      return
    }
    if (existing.some((member) => member.username === name)) {
      setError(t.sharing.alreadyMember(name))
      return
    }
    setBusy(true)
    setError('')
    try {
      await onAdd(name, role)
      setUsername('')
    } catch (cause) {
      setError(
        cause instanceof ApiError && cause.status === 404 ? t.sharing.noSuchUser(name) : errorText(cause),
      )
    } finally {
      setBusy(false)
    }
  }

  return (
    <form className="share-dialog__add" onSubmit={submit} noValidate>
      <TextField
        label={t.sharing.addLabel}
        hint={t.sharing.addHint}
        value={username}
        autoComplete="off"
        autoCapitalize="none"
        spellCheck={false}
        autoFocus
        error={error || undefined}
        onChange={(event) => {
          setUsername(event.target.value)
          setError('')
        }}
        className="share-dialog__username"
      />
      <div className="field share-dialog__role">
        <label htmlFor={roleId} className="field__label">
          {t.sharing.role}
        </label>
        <select
          id={roleId}
          className="field__input"
          value={role}
          onChange={(event) => {
            if (isRole(event.target.value)) setRole(event.target.value)
          }}
        >
          {ROLES.map((r) => (
            <option key={r} value={r}>
              {t.sharing.roles[r]}
            </option>
          ))}
        </select>
      </div>
      <button type="submit" className="button button--primary share-dialog__add-button" disabled={busy}>
        {t.sharing.add}
      </button>
      <p className="field__hint share-dialog__roles-help">{t.sharing.rolesHelp}</p>
    </form>
  )
}

function MemberRow({
  member,
  isMe,
  error,
  onChange,
  onRemove,
}: {
  member: Member
  isMe: boolean
  error: string
  onChange: (role: Role) => void
  onRemove: () => void
}) {
  const { t } = useLocale()
  const errorId = useId()
  return (
    <li className="member">
      <span className="avatar" aria-hidden="true" style={{ backgroundColor: userColour(member.username) }}>
        {initials(member.displayName || member.username)}
      </span>
      <span className="member__who">
        <span className="member__name">
          {member.displayName}
          {isMe && <span className="member__you"> ({t.you})</span>}
        </span>
        <span className="member__username">{member.username}</span>
      </span>
      <select
        className="select select--small member__role"
        aria-label={t.sharing.roleOf(member.displayName)}
        aria-describedby={error ? errorId : undefined}
        value={member.role}
        onChange={(event) => {
          if (isRole(event.target.value)) onChange(event.target.value)
        }}
      >
        {ROLES.map((r) => (
          <option key={r} value={r}>
            {t.sharing.roles[r]}
          </option>
        ))}
      </select>
      <button
        type="button"
        className="icon-button"
        aria-label={t.sharing.remove(member.displayName)}
        data-tip={t.sharing.remove(member.displayName)}
        onClick={onRemove}
      >
        <Icon name="close" />
      </button>
      {error && (
        <p id={errorId} className="field__error member__error" role="alert">
          {error}
        </p>
      )}
    </li>
  )
}
