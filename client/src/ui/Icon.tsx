/** The app's few line icons, drawn inline so they inherit the text colour and need no icon font. */

const PATHS = {
  undo: 'M6 4 3 7l3 3M3.5 7H10a3.5 3.5 0 0 1 0 7H8',
  redo: 'M10 4l3 3-3 3M12.5 7H6a3.5 3.5 0 0 0 0 7h2',
  addItem: 'M3 4h10M3 8h6M3 12h6M12 9.5v5M9.5 12h5',
  addSubItem: 'M3 4h10M6 8h7M9 12.5h5M11.5 10v5',
  indent: 'M3 3h10M7 6.5h6M7 10h6M3 13.5h10M3 6l2.5 2.25L3 10.5',
  outdent: 'M3 3h10M7 6.5h6M7 10h6M3 13.5h10M5.5 6 3 8.25l2.5 2.25',
  moveUp: 'M8 13V3M4 7l4-4 4 4',
  moveDown: 'M8 3v10M4 9l4 4 4-4',
  speaker: 'M8 7.5a2.5 2.5 0 1 0 0-5 2.5 2.5 0 0 0 0 5ZM3 14c.5-3 2.5-4.5 5-4.5s4.5 1.5 5 4.5',
  symbol: 'M4 2h5.5L12 4.5V14H4ZM9 2v3h3M6 8h4M6 10.5h4',
  list: 'M5 4h8M5 8h8M5 12h8M2.5 4h.5M2.5 8h.5M2.5 12h.5',
  back: 'M10 3 5 8l5 5',
  plus: 'M8 3v10M3 8h10',
  close: 'M4 4l8 8M12 4l-8 8',
  comment: 'M2.5 3h11v7.5H7l-3.5 3v-3h-1zM5 6h6M5 8h4',
  share:
    'M6 7.5a2.25 2.25 0 1 0 0-4.5 2.25 2.25 0 0 0 0 4.5ZM1.5 13c.4-2.5 2.2-3.8 4.5-3.8s4.1 1.3 4.5 3.8M11.5 5.5v4M9.5 7.5h4',
  download: 'M8 2.5v8M4.5 7 8 10.5 11.5 7M3 13.5h10',
  lock: 'M4.5 7.5h7v6h-7ZM6 7.5V5.5a2 2 0 0 1 4 0v2',
  chevronDown: 'M4.5 6.5 8 10l3.5-3.5',
} as const

/** The name of an icon. */
export type IconName = keyof typeof PATHS | 'bold' | 'italic'

/** A 16-pixel line icon, hidden from assistive technology (its button carries the label). */
export function Icon({ name }: { name: IconName }) {
  if (name === 'bold' || name === 'italic') {
    return (
      <svg className="icon" viewBox="0 0 16 16" aria-hidden="true" focusable="false">
        <text
          x="8"
          y="12.5"
          textAnchor="middle"
          fontSize="13"
          fontFamily="Georgia, serif"
          fontWeight={name === 'bold' ? 700 : 400}
          fontStyle={name === 'italic' ? 'italic' : 'normal'}
          fill="currentColor"
        >
          {name === 'bold' ? 'B' : 'I'}
        </text>
      </svg>
    )
  }
  return (
    <svg className="icon" viewBox="0 0 16 16" aria-hidden="true" focusable="false">
      <path
        d={PATHS[name]}
        fill="none"
        stroke="currentColor"
        strokeWidth="1.4"
        strokeLinecap="round"
        strokeLinejoin="round"
      />
    </svg>
  )
}
