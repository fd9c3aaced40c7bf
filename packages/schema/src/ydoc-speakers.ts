/**
 * Rewriting speakers in a notice's Yjs document: the speaker nodes that name one person get that
 * person's fields, by ordinary attribute edits that every editor sees and that merge with what is
 * typed meanwhile. How "update this person's function in the open drafts" reaches a live notice.
 */
import * as Y from 'yjs'
import { NODE_NAMES } from './node-names'
import { SPEAKER_FIELDS, type SpeakerAttrs, toSpeakerAttrs } from './speaker'
import { CONTENT_FIELD } from './ydoc'

/** Every speaker element of the content fragment of `ydoc`, in document order. */
function speakerElements(ydoc: Y.Doc): Y.XmlElement[] {
  const found: Y.XmlElement[] = []
  const walk = (parent: Y.XmlFragment | Y.XmlElement): void => {
    for (const child of parent.toArray()) {
      if (!(child instanceof Y.XmlElement)) continue
      if (child.nodeName === NODE_NAMES.speaker) found.push(child)
      else walk(child)
    }
  }
  walk(ydoc.getXmlFragment(CONTENT_FIELD))
  return found
}

/** The fields of the speaker nodes of `ydoc` whose fields `matches` accepts, in document order. */
export function speakersInYDoc(ydoc: Y.Doc, matches: (attrs: SpeakerAttrs) => boolean): SpeakerAttrs[] {
  return speakerElements(ydoc)
    .map((element) => toSpeakerAttrs(element.getAttributes()))
    .filter(matches)
}

/**
 * Gives every speaker node of `ydoc` that `matches` accepts the fields `fields`, in one
 * transaction tagged `origin`, changing only the attributes that differ; resolves how many nodes changed.
 */
export function rewriteSpeakers(
  ydoc: Y.Doc,
  matches: (attrs: SpeakerAttrs) => boolean,
  fields: SpeakerAttrs,
  origin?: unknown,
): number {
  let changed = 0
  ydoc.transact(() => {
    for (const element of speakerElements(ydoc)) {
      const current = toSpeakerAttrs(element.getAttributes())
      if (!matches(current)) continue
      const differing = SPEAKER_FIELDS.filter((field) => current[field] !== fields[field])
      if (differing.length === 0) continue
      for (const field of differing) element.setAttribute(field, fields[field])
      changed += 1
    }
  }, origin)
  return changed
}
