/** Hands a file made in the page (a Blob) to the browser to save under a given name. */

/** Saves `blob` as `name` through the browser's download. */
export function saveFile(blob: Blob, name: string): void {
  const href = URL.createObjectURL(blob)
  const link = document.createElement('a')
  link.href = href
  link.download = name
  link.hidden = true
  document.body.append(link)
  link.click()
  link.remove()
  // The browser has taken the file once the click is handled; the URL can go a little later.
  window.setTimeout(() => URL.revokeObjectURL(href), 60_000)
}
