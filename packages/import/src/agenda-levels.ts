/**
 * The numbering state of an agenda being read: which label styles stand at which depth and the last
 * value at each. A label is an agenda item only where it continues the numbering ("3.2" after
 * "3.1", "(b)" after "(a)", a new depth starting at 1), so a line that merely starts with "M." or
 * "2023" stays text. Depth comes from the style's place in the stack, as in Word's multilevel lists.
 */
import type { LabelReading } from './item-label'

/** One level of the agenda: the style its labels are written in and the last value seen. */
type Level = { style: string; value: number }

/** Where an accepted label puts the item: its depth (0 for top level) and the reading it was taken as. */
export type AcceptedLabel = { depth: number; reading: LabelReading }

/** The agenda's numbering so far; {@link AgendaLevels.accept} reads one more label. */
export class AgendaLevels {
  private path: Level[] = []

  /** The depth of the last accepted item, -1 before the first. */
  get depth(): number {
    return this.path.length - 1
  }

  /** Whether any item has been accepted. */
  get started(): boolean {
    return this.path.length > 0
  }

  /** The reading among `readings` that continues the numbering and where it goes, without taking it. */
  fit(readings: readonly LabelReading[]): AcceptedLabel | undefined {
    for (const reading of readings) {
      const depth = this.depthOf(reading)
      if (depth !== undefined) return { depth, reading }
    }
    return undefined
  }

  /** Takes the label: the numbering continues from it. */
  take(accepted: AcceptedLabel): void {
    const { depth, reading } = accepted
    if (reading.style === '1.1' || reading.values.length > 1) {
      const values = reading.values
      const top = this.path[0]?.style ?? '1'
      this.path = values.map((value, index) => ({ style: index === 0 ? top : `1.1:${index}`, value }))
      return
    }
    this.path = [...this.path.slice(0, depth), { style: reading.style, value: reading.values[0] ?? 1 }]
  }

  /** The depth `reading` would take, or undefined when it does not continue the numbering. */
  private depthOf(reading: LabelReading): number | undefined {
    const { values } = reading
    if (values.length > 1) return this.dottedDepth(values)
    const value = values[0] ?? 0
    const at = this.path.findIndex((level) => level.style === reading.style)
    if (at >= 0) return value === (this.path[at]?.value ?? 0) + 1 ? at : undefined
    if (value !== 1) return undefined
    // A decimal label under a dotted sub-item ("1" after "3.1") would reset the agenda: not an item.
    if (/^\(?1[.)]?$/.test(reading.style) && this.path.some((level) => level.style.startsWith('1.1:')))
      return undefined
    return this.path.length
  }

  /** "3.1" after item 3 (or after "3"'s earlier sub-items), "3.2" after "3.1", "4.1" never after "3.1" without 4. */
  private dottedDepth(values: readonly number[]): number | undefined {
    const depth = values.length - 1
    if (this.path.length < depth) return undefined
    for (let i = 0; i < depth; i++) {
      if (this.path[i]?.value !== values[i]) return undefined
    }
    const last = values[depth] ?? 0
    const current = this.path[depth]
    const expected = current && this.path.length > depth ? current.value + 1 : 1
    return last === expected ? depth : undefined
  }
}
