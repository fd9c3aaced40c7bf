/**
 * A modal dialog built on the native `<dialog>` element, which already traps focus, closes
 * on Escape and hides the rest of the page from assistive technology.
 */
import { type ReactNode, useEffect, useId, useRef } from 'react'

/** Props of `Dialog`. */
export type DialogProps = {
  open: boolean
  title: string
  /** Called when the dialog closes by itself (Escape); the owner then sets `open` to false. */
  onClose: () => void
  children: ReactNode
  className?: string
}

/** A modal dialog with a heading; its content is rendered only while it is open. */
export function Dialog({ open, title, onClose, children, className }: DialogProps) {
  const ref = useRef<HTMLDialogElement>(null)
  const titleId = useId()
  useEffect(() => {
    const dialog = ref.current
    if (!dialog) return
    if (open && !dialog.open) dialog.showModal()
    if (!open && dialog.open) dialog.close()
  }, [open])
  useEffect(() => {
    const dialog = ref.current
    if (!dialog) return
    const handleCancel = (event: Event) => {
      event.preventDefault()
      onClose()
    }
    dialog.addEventListener('cancel', handleCancel)
    return () => dialog.removeEventListener('cancel', handleCancel)
  }, [onClose])
  return (
    <dialog ref={ref} className={`dialog ${className ?? ''}`} aria-labelledby={titleId}>
      {open && (
        <>
          <h2 id={titleId} className="dialog__title">
            {title}
          </h2>
          {children}
        </>
      )}
    </dialog>
  )
}
