/**
 * The organisations whose notices Convene writes, named by their usual acronym. Symbols, links and
 * house styles are looked up by these codes; user input names them in any case ("wipo", "Wipo").
 */

/** The organisations Convene knows, by acronym. */
export const ORGANISATIONS = ['WTO', 'WIPO', 'UN', 'UNECE', 'WHO', 'ITU', 'UNIDO', 'OECD'] as const

/** An organisation's acronym, as in {@link ORGANISATIONS}. */
export type Organisation = (typeof ORGANISATIONS)[number]

/** The organisation of a notice that names none: Convene began with WTO notices. */
export const DEFAULT_ORGANISATION: Organisation = 'WTO'

/** The organisation named by `name` in any case (`"wipo"` is WIPO), or undefined for one we do not know. */
export function organisationNamed(name: string): Organisation | undefined {
  const upper = name.trim().toUpperCase()
  return ORGANISATIONS.find((organisation) => organisation === upper)
}
