/**
 * Importing an existing notice on the notices list: a file chosen with the picker or dropped on the
 * page is previewed as the notice it would become (its outline, the speakers and document symbols
 * recognised, warnings and the lines left out), the organisation and language can be changed, then
 * the notice is created and opened.
 */
import type { ImportPreviewResponse } from '@convene/protocol'
import {
  agendaOutline,
  docFromJSON,
  isNoticeLanguage,
  ORGANISATIONS,
  organisationNamed,
  speakerText,
  toSpeakerAttrs,
} from '@convene/schema'
import { useEffect, useId, useRef, useState } from 'react'
import { useLocale } from '../i18n/LocaleProvider'
import { navigate, noticePath } from '../router/routes'
import { Icon } from '../ui/Icon'
import { NoticeLanguageOptions } from '../ui/NoticeLanguageOptions'
import { IMPORT_ACCEPT, type ImportChoices, importNotice, previewImport } from './import-api'

type Json = ImportPreviewResponse['content']
type Stage =
  | { state: 'idle' }
  | { state: 'reading'; file: File }
  | { state: 'preview'; file: File; preview: ImportPreviewResponse }
  | { state: 'creating'; file: File; preview: ImportPreviewResponse }

const nodesOf = (json: Json, type: string): Json[] => [
  ...(json.type === type ? [json] : []),
  ...(json.content ?? []).flatMap((child) => nodesOf(child, type)),
]

/** The import button and, once a file is chosen or dropped (`dropped`), its preview. */
export function ImportPanel({ dropped }: { dropped: File | null }) {
  const { t } = useLocale()
  const [stage, setStage] = useState<Stage>({ state: 'idle' })
  const [error, setError] = useState('')
  const [choices, setChoices] = useState<ImportChoices>({})
  const input = useRef<HTMLInputElement>(null)
  const organisationId = useId()
  const languageId = useId()
  const titleId = useId()

  const read = async (file: File, next: ImportChoices) => {
    setError('')
    setStage({ state: 'reading', file })
    try {
      setStage({ state: 'preview', file, preview: await previewImport(file, next) })
    } catch (thrown) {
      setError(t.importing.failed(thrown instanceof Error ? thrown.message : String(thrown)))
      setStage({ state: 'idle' })
    }
  }
  // biome-ignore lint/correctness/useExhaustiveDependencies: a new dropped file starts a new preview
  useEffect(() => {
    if (dropped) {
      setChoices({})
      void read(dropped, {})
    }
  }, [dropped])

  const change = (next: ImportChoices) => {
    if (stage.state !== 'preview') return
    setChoices(next)
    void read(stage.file, next)
  }

  const create = async () => {
    if (stage.state !== 'preview') return
    setStage({ ...stage, state: 'creating' })
    try {
      const created = await importNotice(stage.file, {
        language: stage.preview.meta.language,
        organisation: stage.preview.meta.organisation,
      })
      navigate(noticePath(created.id))
    } catch (thrown) {
      setError(t.importing.failed(thrown instanceof Error ? thrown.message : String(thrown)))
      setStage({ ...stage, state: 'preview' })
    }
  }

  const preview = stage.state === 'preview' || stage.state === 'creating' ? stage.preview : null
  const outline = preview ? agendaOutline(docFromJSON(preview.content)) : []
  const speakers = preview
    ? nodesOf(preview.content, 'speaker').map((node) => speakerText(toSpeakerAttrs(node.attrs ?? {})))
    : []
  const symbols = preview
    ? nodesOf(preview.content, 'symbol').map((node) => String(node.attrs?.symbol ?? ''))
    : []

  return (
    <div className="import-panel">
      <div className="create-panel__option">
        <button
          type="button"
          className="button"
          onClick={() => input.current?.click()}
          disabled={stage.state === 'reading' || stage.state === 'creating'}
        >
          <Icon name="plus" />
          {stage.state === 'reading' ? t.importing.reading(stage.file.name) : t.importing.button}
        </button>
        <span className="create-panel__hint">{t.importing.hint}</span>
        <input
          ref={input}
          type="file"
          accept={IMPORT_ACCEPT}
          className="visually-hidden"
          tabIndex={-1}
          aria-label={t.importing.button}
          data-testid="import-file"
          onChange={(event) => {
            const file = event.target.files?.[0]
            event.target.value = ''
            if (file) {
              setChoices({})
              void read(file, {})
            }
          }}
        />
      </div>
      {error && (
        <p className="form-error" role="alert">
          {error}
        </p>
      )}
      {preview && (stage.state === 'preview' || stage.state === 'creating') && (
        <section className="import-preview" aria-labelledby={titleId} data-testid="import-preview">
          <h2 id={titleId} className="import-preview__title">
            {t.importing.previewTitle(stage.file.name)}
          </h2>
          <p className="import-preview__summary">
            {t.importing.summary(preview.report.items, preview.report.speakers, preview.report.symbols)}
          </p>
          <div className="import-preview__choices">
            <label htmlFor={organisationId}>{t.importing.organisation}</label>
            <select
              id={organisationId}
              className="select select--small"
              value={choices.organisation ?? preview.meta.organisation}
              onChange={(event) => {
                const organisation = organisationNamed(event.target.value)
                if (organisation) change({ ...choices, organisation })
              }}
            >
              {ORGANISATIONS.map((code) => (
                <option key={code} value={code}>
                  {code}
                </option>
              ))}
            </select>
            <label htmlFor={languageId}>{t.importing.language}</label>
            <select
              id={languageId}
              className="select select--small"
              value={choices.language ?? preview.meta.language}
              onChange={(event) => {
                if (isNoticeLanguage(event.target.value)) change({ ...choices, language: event.target.value })
              }}
            >
              <NoticeLanguageOptions />
            </select>
          </div>
          <h3 className="import-preview__heading">{t.importing.outline}</h3>
          <ol className="import-preview__outline">
            {outline.map((entry) => (
              <li key={entry.pos} style={{ paddingInlineStart: `${(entry.level - 1) * 1.25}rem` }}>
                <span className="import-preview__number">{entry.number}</span> {entry.title}
              </li>
            ))}
          </ol>
          {speakers.length > 0 && (
            <>
              <h3 className="import-preview__heading">{t.importing.speakers}</h3>
              <ul className="import-preview__chips">
                {speakers.map((text, index) => (
                  // biome-ignore lint/suspicious/noArrayIndexKey: a speaker may be named twice
                  <li key={index} className="import-preview__speaker">
                    {text}
                  </li>
                ))}
              </ul>
            </>
          )}
          {symbols.length > 0 && (
            <>
              <h3 className="import-preview__heading">{t.importing.symbols}</h3>
              <ul className="import-preview__chips">
                {symbols.map((text, index) => (
                  // biome-ignore lint/suspicious/noArrayIndexKey: a symbol may be cited twice
                  <li key={index} className="import-preview__symbol">
                    {text}
                  </li>
                ))}
              </ul>
            </>
          )}
          {preview.report.warnings.length > 0 && (
            <>
              <h3 className="import-preview__heading">{t.importing.warnings}</h3>
              <ul className="import-preview__warnings">
                {preview.report.warnings.map((warning, index) => (
                  // biome-ignore lint/suspicious/noArrayIndexKey: warnings have no identity
                  <li key={index}>
                    {warning.message} {warning.at && <q>{warning.at}</q>}
                  </li>
                ))}
              </ul>
            </>
          )}
          {preview.report.dropped.length > 0 && (
            <details className="import-preview__dropped">
              <summary>{t.importing.dropped(preview.report.dropped.length)}</summary>
              <ul>
                {preview.report.dropped.map((line, index) => (
                  // biome-ignore lint/suspicious/noArrayIndexKey: the same line may be dropped twice
                  <li key={index}>
                    <span className="import-preview__why">{line.why}</span> {line.text}
                  </li>
                ))}
              </ul>
            </details>
          )}
          <div className="import-preview__actions">
            <button
              type="button"
              className="button button--primary"
              onClick={create}
              disabled={stage.state === 'creating'}
            >
              {stage.state === 'creating' ? t.importing.creatingNotice : t.importing.create}
            </button>
            <button
              type="button"
              className="button"
              onClick={() => setStage({ state: 'idle' })}
              disabled={stage.state === 'creating'}
            >
              {t.importing.cancel}
            </button>
          </div>
        </section>
      )}
    </div>
  )
}
