/** An ordinary `<a href>` that navigates inside the app on a plain click (and opens tabs as usual otherwise). */
import type { AnchorHTMLAttributes, MouseEvent } from 'react'
import { navigate } from './routes'

/** A link to a path of this app. */
export function Link({ href, onClick, ...rest }: AnchorHTMLAttributes<HTMLAnchorElement> & { href: string }) {
  const handleClick = (event: MouseEvent<HTMLAnchorElement>) => {
    onClick?.(event)
    if (event.defaultPrevented || event.button !== 0) return
    if (event.metaKey || event.ctrlKey || event.shiftKey || event.altKey) return
    event.preventDefault()
    navigate(href)
  }
  return <a href={href} onClick={handleClick} {...rest} />
}
