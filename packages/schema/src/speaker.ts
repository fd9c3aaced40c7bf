/**
 * The speaker node: an inline atom holding a speaker's structured fields (honorific, name, role,
 * organisation ...) and rendering them as the running text of a notice, so that one person reads
 * the same way in the editor, in every export and in every language's punctuation rules.
 */
import { mergeAttributes, Node } from '@tiptap/core'
import { NODE_NAMES } from './node-names'
import type { ParsedElement } from './parsed-element'

/** The structured fields of a speaker, in the order they are read. */
export const SPEAKER_FIELDS = [
  'honorific',
  'name',
  'delegation',
  'role',
  'preposition',
  'organisation',
] as const

/** One speaker field name. */
export type SpeakerField = (typeof SPEAKER_FIELDS)[number]

/** A speaker's fields; each is a string, '' when absent. */
export type SpeakerAttrs = Record<SpeakerField, string>

/** Options of the {@link Speaker} node. */
export type SpeakerOptions = { HTMLAttributes: Record<string, unknown> }

// An elided preposition ("d'", "l'") is glued to the next word.
const ELIDED = /['’]$/

/**
 * The running text of a speaker, as printed in a notice:
 * `honorific name (delegation), role preposition organisation`, each piece only when present,
 * e.g. "M. Ahmed Mzé, Conseiller économique à la Mission permanente des Comores" or
 * "Kate Kallot, fondatrice et PDG d'Amini". An organisation without a preposition follows a comma.
 */
export function speakerText(attrs: SpeakerAttrs): string {
  const field = (name: SpeakerField): string => (attrs[name] ?? '').trim()
  let text = [field('honorific'), field('name')].filter((part) => part !== '').join(' ')
  if (field('delegation') !== '') text += ` (${field('delegation')})`
  if (field('role') !== '') text += `, ${field('role')}`
  const organisation = field('organisation')
  if (organisation !== '') {
    const preposition = field('preposition')
    if (preposition === '') text += `, ${organisation}`
    else text += ` ${preposition}${ELIDED.test(preposition) ? '' : ' '}${organisation}`
  }
  return text
}

/** Reads a speaker's fields from node attributes (or any record), '' for each missing or non-string field. */
export function toSpeakerAttrs(attrs: Readonly<Record<string, unknown>>): SpeakerAttrs {
  const read = (name: SpeakerField): string => {
    const value = attrs[name]
    return typeof value === 'string' ? value : ''
  }
  return {
    honorific: read('honorific'),
    name: read('name'),
    delegation: read('delegation'),
    role: read('role'),
    preposition: read('preposition'),
    organisation: read('organisation'),
  }
}

/**
 * Node `speaker`: inline atom, DOM `<span data-type="speaker" data-name=… …>running text</span>`,
 * plain text = {@link speakerText}. The client extends it with a node view for editing the fields.
 */
export const Speaker = Node.create<SpeakerOptions>({
  name: NODE_NAMES.speaker,
  group: 'inline',
  inline: true,
  atom: true,
  selectable: true,

  addOptions() {
    return { HTMLAttributes: {} }
  },

  addAttributes() {
    return Object.fromEntries(
      SPEAKER_FIELDS.map((field) => [
        field,
        {
          default: '',
          parseHTML: (element: ParsedElement) => element.getAttribute(`data-${field}`) ?? '',
          renderHTML: (attributes: Record<string, unknown>) =>
            attributes[field] ? { [`data-${field}`]: attributes[field] } : {},
        },
      ]),
    )
  },

  parseHTML() {
    return [{ tag: 'span[data-type="speaker"]' }]
  },

  renderHTML({ node, HTMLAttributes }) {
    return [
      'span',
      mergeAttributes({ 'data-type': 'speaker' }, this.options.HTMLAttributes, HTMLAttributes),
      speakerText(toSpeakerAttrs(node.attrs)),
    ]
  },

  renderText({ node }) {
    return speakerText(toSpeakerAttrs(node.attrs))
  },
})
