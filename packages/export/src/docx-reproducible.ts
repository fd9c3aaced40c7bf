/**
 * Makes the `docx` package's output depend only on the document: it stamps the creation and
 * modification dates of "now" in docProps/core.xml, draws relationship ids at random (nanoid) for
 * hyperlinks, numbers bookmarks from a process-wide counter, and zips with the current time. Here
 * the dates become the revision's, ids are renumbered in document order, and the parts are zipped
 * again with fixed timestamps.
 * @module
 */
import { strFromU8, strToU8, unzipSync } from 'fflate'
import { zipReproducibly } from './reproducible-zip'

/** Returns the DOCX `bytes` with dates set to `createdAt` and every generated id in document order. */
export function makeDocxReproducible(bytes: Uint8Array, createdAt: Date): Uint8Array {
  const parts = unzipSync(bytes)
  const names = Object.keys(parts)
  const text = (name: string) => strFromU8(parts[name] as Uint8Array)
  const edited = new Map<string, string>()

  const stamp = `${createdAt.toISOString().slice(0, 19)}Z`
  if (parts['docProps/core.xml'] !== undefined) {
    edited.set(
      'docProps/core.xml',
      text('docProps/core.xml').replace(
        /(<dcterms:(created|modified)\b[^>]*>)[^<]*(<\/dcterms:\2>)/g,
        (_, open: string, _tag: string, close: string) => `${open}${stamp}${close}`,
      ),
    )
  }

  // Relationship ids belong to the part their .rels file describes: dir/_rels/name.rels -> dir/name.
  for (const relsName of names.filter((name) => name.endsWith('.rels'))) {
    const partName = relsName.replace(/(^|\/)_rels\/([^/]+)\.rels$/, '$1$2')
    let rels = edited.get(relsName) ?? text(relsName)
    const randomIds = [...rels.matchAll(/\bId="([^"]+)"/g)]
      .map((match) => match[1] as string)
      .filter((id) => !/^rId\d+$/.test(id))
    if (randomIds.length === 0) continue
    let part = parts[partName] === undefined ? null : (edited.get(partName) ?? text(partName))
    randomIds.forEach((id, i) => {
      const stable = `rIdX${i + 1}`
      rels = rels.replaceAll(`"${id}"`, `"${stable}"`)
      if (part !== null) part = part.replaceAll(`"${id}"`, `"${stable}"`)
    })
    edited.set(relsName, rels)
    if (part !== null) edited.set(partName, part)
  }

  // Bookmark ids come from a counter shared by every document the process renders.
  for (const name of names.filter((n) => /^word\/(document|header\d*|footer\d*)\.xml$/.test(n))) {
    const xml = edited.get(name) ?? text(name)
    const ids = new Map<string, number>()
    const renumbered = xml.replace(
      /(<w:bookmark(?:Start|End)\b[^>]*?\bw:id=")(\d+)(")/g,
      (_, before: string, id: string, after: string) => {
        let stable = ids.get(id)
        if (stable === undefined) {
          stable = ids.size + 1
          ids.set(id, stable)
        }
        return `${before}${stable}${after}`
      },
    )
    if (renumbered !== xml) edited.set(name, renumbered)
  }

  // The content types first and the package relationships second, where Word writes them and where
  // tools that sniff the file type look.
  const first = ['[Content_Types].xml', '_rels/.rels']
  const ordered = [
    ...first.filter((name) => parts[name] !== undefined),
    ...names.filter((name) => !first.includes(name)),
  ]
  return zipReproducibly(
    ordered.map((name) => {
      const changed = edited.get(name)
      return [name, changed === undefined ? (parts[name] as Uint8Array) : strToU8(changed)] as const
    }),
    createdAt,
  )
}
