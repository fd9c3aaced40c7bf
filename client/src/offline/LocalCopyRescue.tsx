/**
 * Offers the text kept in this browser when the server can no longer take it (the notice was
 * deleted, the person may no longer edit it): says so, and lets them download it as HTML or plain
 * text, or discard it. Shown only when the stored copy holds changes the server never confirmed;
 * the copy is removed only when they discard it.
 */
import { useEffect, useState } from 'react'
import type * as Y from 'yjs'
import { saveFile } from '../export/save-file'
import { useLocale } from '../i18n/LocaleProvider'
import { deleteLocalCopy, readLocalCopy, type StoredCopy } from './local-copy'
import { type LocalCopyFormat, localCopyFile } from './local-copy-file'

/** Props of `LocalCopyRescue`. */
export type LocalCopyRescueProps = {
  /** The stored copy's name (local-copy.ts `localCopyName`). */
  name: string
  /** Whether to say that the notice itself is gone (deleted, or no longer shared). */
  noticeGone: boolean
  /** The live document when the notice is still open (its content is the stored copy's, and newer). */
  live?: { doc: Y.Doc; waiting: number }
}

/** The rescue of the local copy `name`, or nothing when it holds no unsaved change. */
export function LocalCopyRescue({ name, noticeGone, live }: LocalCopyRescueProps) {
  const { t } = useLocale()
  const [stored, setStored] = useState<StoredCopy | null>(null)
  const [done, setDone] = useState(false)
  useEffect(() => {
    if (live) return
    let current = true
    readLocalCopy(name).then(
      (copy) => {
        if (current) setStored(copy)
        else copy?.doc.destroy()
      },
      (error: unknown) => console.warn(error),
    )
    return () => {
      current = false
    }
  }, [name, live])
  useEffect(() => () => stored?.doc.destroy(), [stored])

  const copy = live ?? stored
  if (done || !copy || copy.waiting === 0) return null
  const download = (format: LocalCopyFormat) => {
    const file = localCopyFile(copy.doc, format)
    saveFile(file.blob, file.name)
  }
  const discard = () => {
    setDone(true)
    void deleteLocalCopy(name)
  }
  return (
    <section className="local-copy-rescue" role="alert" data-testid="local-copy-rescue">
      {noticeGone && <p>{t.localCopy.missing}</p>}
      <p>{t.localCopy.unsaved(copy.waiting)}</p>
      <p className="local-copy-rescue__actions">
        <button type="button" className="button" onClick={() => download('html')}>
          {t.localCopy.downloadHtml}
        </button>
        <button type="button" className="button" onClick={() => download('txt')}>
          {t.localCopy.downloadText}
        </button>
        <button type="button" className="button" onClick={discard}>
          {t.localCopy.discard}
        </button>
      </p>
    </section>
  )
}
