import { useEffect, useRef, useState } from 'preact/hooks';
import { ENTITY_KINDS } from '../entities/types';
import {
  exportSettings,
  importSettings,
  patternSpecificity,
  removeSite,
  resolveGlobalSettings,
  updateGlobal,
  updateSite,
  type StoredGlobal,
  type StoredSettings,
} from '../settings/model';
import { checkNewSitePattern } from '../settings/public-suffix';
import { getStoredSettings, replaceStoredSettings, resetSettings, updateStoredSettings, watchStoredSettings } from '../settings/store';
import {
  DENSITIES,
  HIGHLIGHT_STYLES,
  OPEN_DELAY_MAX_MS,
  OPEN_DELAY_MIN_MS,
  PROGRAMME_POLICIES,
  THEMES,
  type HighlightStyle,
} from '../settings/types';
import { t, tOption, type MessageKey, type OptionKey } from '../ui/i18n';
import { Switch } from '../ui/Switch';
import { applyTheme } from '../ui/theme';

const OPEN_DELAY_STEP_MS = 50;
const EXPORT_FILE_NAME = 'iom-lens-settings.json';

type Status = { kind: 'ok' | 'error'; text: string } | undefined;

function RadioGroup<P extends MessageKey, T extends string>(props: {
  name: string;
  legendKey: P;
  /** A type error unless every value has its message (`${legendKey}_${value}`). */
  values: readonly T[] & (OptionKey<P, T> extends MessageKey ? unknown : never);
  value: T;
  onChange: (value: T) => void;
}) {
  return (
    <fieldset class="radio-group">
      <legend>{t(props.legendKey)}</legend>
      {props.values.map((value) => (
        <label key={value}>
          <input
            type="radio"
            name={props.name}
            value={value}
            checked={props.value === value}
            onChange={() => props.onChange(value)}
          />
          {/* checked for every value by the values prop's type */}
          {tOption(props.legendKey, value as never)}
        </label>
      ))}
    </fieldset>
  );
}

function SiteList({ stored, save }: { stored: StoredSettings; save: (update: (s: StoredSettings) => StoredSettings) => void }) {
  const [draft, setDraft] = useState('');
  const [error, setError] = useState<string | undefined>();
  const sites = [...stored.sites].sort((a, b) => a.pattern.replace(/^\*\./, '').localeCompare(b.pattern.replace(/^\*\./, '')) || patternSpecificity(a.pattern) - patternSpecificity(b.pattern));

  const add = (event: Event) => {
    event.preventDefault();
    const checked = checkNewSitePattern(draft);
    if (!checked.ok) {
      setError(tOption('optionsSiteError', checked.error));
      return;
    }
    if (stored.sites.some((s) => s.pattern === checked.pattern)) {
      setError(t('optionsSiteError_duplicate'));
      return;
    }
    setError(undefined);
    setDraft('');
    save((s) => updateSite(s, checked.pattern, { enabled: false }));
  };

  return (
    <section aria-labelledby="sites-title">
      <h2 id="sites-title">{t('optionsSites')}</h2>
      <p class="muted" id="sites-help">
        {t('optionsSitesHelp')}
      </p>
      {sites.length === 0 ? (
        <p class="muted">{t('optionsSitesEmpty')}</p>
      ) : (
        <table class="sites" data-testid="site-list">
          <thead>
            <tr>
              <th scope="col">{t('optionsSitePattern')}</th>
              <th scope="col">{t('optionsSiteEnabled')}</th>
              <th scope="col">{t('optionsSiteStyle')}</th>
              <th scope="col">
                <span class="visually-hidden">{t('optionsSiteRemove')}</span>
              </th>
            </tr>
          </thead>
          <tbody>
            {sites.map((site) => (
              <tr key={site.pattern} data-pattern={site.pattern}>
                <th scope="row" class="pattern">
                  {site.pattern}
                </th>
                <td>
                  <select
                    aria-label={t('optionsSiteEnabledLabel', site.pattern)}
                    value={site.enabled === undefined ? 'inherit' : site.enabled ? 'on' : 'off'}
                    onChange={(event) => {
                      const v = event.currentTarget.value;
                      save((s) => updateSite(s, site.pattern, { enabled: v === 'inherit' ? undefined : v === 'on' }));
                    }}
                  >
                    <option value="inherit">{t('optionsSiteInherit')}</option>
                    <option value="on">{t('optionsSiteOn')}</option>
                    <option value="off">{t('optionsSiteOff')}</option>
                  </select>
                </td>
                <td>
                  <select
                    aria-label={t('optionsSiteStyleLabel', site.pattern)}
                    value={site.highlightStyle ?? 'inherit'}
                    onChange={(event) => {
                      const v = event.currentTarget.value;
                      save((s) => updateSite(s, site.pattern, { highlightStyle: v === 'inherit' ? undefined : (v as HighlightStyle) }));
                    }}
                  >
                    <option value="inherit">{t('optionsSiteInherit')}</option>
                    {HIGHLIGHT_STYLES.map((style) => (
                      <option key={style} value={style}>
                        {tOption('optionsHighlightStyle', style)}
                      </option>
                    ))}
                  </select>
                </td>
                <td>
                  <button type="button" aria-label={t('optionsSiteRemoveLabel', site.pattern)} onClick={() => save((s) => removeSite(s, site.pattern))}>
                    {t('optionsSiteRemove')}
                  </button>
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
      <form class="add-site" onSubmit={add} noValidate>
        <label for="add-site">{t('optionsSiteAddLabel')}</label>
        <div class="row">
          <input
            id="add-site"
            type="text"
            value={draft}
            placeholder="*.example.org"
            spellcheck={false}
            autocomplete="off"
            aria-invalid={error ? true : undefined}
            aria-describedby={error ? 'add-site-error sites-help' : 'sites-help'}
            onInput={(event) => {
              setDraft(event.currentTarget.value);
              setError(undefined);
            }}
          />
          <button type="submit">{t('optionsSiteAdd')}</button>
        </div>
        {error && (
          <p id="add-site-error" class="error" role="alert">
            {error}
          </p>
        )}
      </form>
    </section>
  );
}

export function Options() {
  const [stored, setStored] = useState<StoredSettings | undefined>();
  const [status, setStatus] = useState<Status>();
  const [confirmingReset, setConfirmingReset] = useState(false);
  const fileRef = useRef<HTMLInputElement>(null);

  useEffect(() => {
    const controller = new AbortController();
    getStoredSettings().then(setStored);
    watchStoredSettings(setStored, controller.signal);
    return () => controller.abort();
  }, []);

  const global = stored ? resolveGlobalSettings(stored) : undefined;
  const theme = global?.theme;
  useEffect(() => {
    if (theme) applyTheme(theme);
  }, [theme]);

  if (!stored || !global) return <main class="options" aria-busy="true" />;

  const save = (update: (s: StoredSettings) => StoredSettings) => {
    // Shown at once (a second quick edit sees the first), then confirmed by what was stored.
    setStored((current) => (current ? update(current) : current));
    updateStoredSettings(update).then(setStored, (error) => {
      console.warn('[IOM Lens] could not save', error);
      setStatus({ kind: 'error', text: t('optionsSaveFailed') });
    });
  };
  const setGlobal = (patch: StoredGlobal) => save((s) => updateGlobal(s, patch));

  const exportFile = () => {
    const blob = new Blob([exportSettings(stored)], { type: 'application/json' });
    const url = URL.createObjectURL(blob);
    const link = document.createElement('a');
    link.href = url;
    link.download = EXPORT_FILE_NAME;
    link.click();
    // Revoked on the next task: the download has started by then.
    setTimeout(() => URL.revokeObjectURL(url));
  };

  const importFile = async (file: File | undefined) => {
    if (!file) return;
    const result = importSettings(await file.text(), checkNewSitePattern);
    if (fileRef.current) fileRef.current.value = '';
    if (!result.ok) {
      const reason = `${tOption('optionsImportError', result.code)} ${result.code === 'invalid-values' ? result.error : ''}`.trim();
      setStatus({ kind: 'error', text: t('optionsImportRefused', reason) });
      return;
    }
    setStored(await replaceStoredSettings(result.value));
    setStatus({ kind: 'ok', text: t('optionsImported') });
  };

  const reset = async () => {
    setConfirmingReset(false);
    setStored(await resetSettings());
    setStatus({ kind: 'ok', text: t('optionsResetDone') });
  };

  return (
    <main class="options">
      <h1>{t('optionsTitle')}</h1>
      <p class="muted">{t('optionsSavedNote')}</p>

      <section aria-labelledby="highlighting-title">
        <h2 id="highlighting-title" class="visually-hidden">
          {t('optionsKinds')}
        </h2>
        <Switch label={t('optionsGlobalSwitch')} checked={global.enabled} onChange={(enabled) => setGlobal({ enabled })} testId="global-switch" />
        <fieldset>
          <legend>{t('optionsKinds')}</legend>
          {ENTITY_KINDS.map((kind) => (
            <label key={kind} class="check">
              <input
                type="checkbox"
                name={`kind-${kind}`}
                checked={global.kinds[kind]}
                onChange={(event) => setGlobal({ kinds: { [kind]: event.currentTarget.checked } })}
              />
              {tOption('optionsKind', kind)}
            </label>
          ))}
        </fieldset>
        <RadioGroup
          name="programmePolicy"
          legendKey="optionsProgrammePolicy"
          values={PROGRAMME_POLICIES}
          value={global.programmePolicy}
          onChange={(programmePolicy) => setGlobal({ programmePolicy })}
        />
        <RadioGroup
          name="highlightStyle"
          legendKey="optionsHighlightStyle"
          values={HIGHLIGHT_STYLES}
          value={global.highlightStyle}
          onChange={(highlightStyle) => setGlobal({ highlightStyle })}
        />
        <RadioGroup name="density" legendKey="optionsDensity" values={DENSITIES} value={global.density} onChange={(density) => setGlobal({ density })} />
        <div class="field">
          <label for="open-delay">{t('optionsOpenDelay')}</label>
          <div class="row">
            <input
              id="open-delay"
              type="range"
              min={OPEN_DELAY_MIN_MS}
              max={OPEN_DELAY_MAX_MS}
              step={OPEN_DELAY_STEP_MS}
              value={global.openDelayMs}
              aria-valuetext={t('optionsOpenDelayValue', String(global.openDelayMs))}
              // "change", not "input": one storage write per choice, not per pixel (storage.sync limits writes per minute).
              onChange={(event) => setGlobal({ openDelayMs: Number(event.currentTarget.value) })}
            />
            <output for="open-delay">{t('optionsOpenDelayValue', String(global.openDelayMs))}</output>
          </div>
        </div>
        <RadioGroup name="theme" legendKey="optionsTheme" values={THEMES} value={global.theme} onChange={(theme) => setGlobal({ theme })} />
        {import.meta.env.BROWSER !== 'firefox' && (
          <div>
            <Switch label={t('optionsPdfReader')} checked={global.pdfReader} onChange={(pdfReader) => setGlobal({ pdfReader })} describedBy="pdf-reader-hint" testId="pdf-reader-switch" />
            <p id="pdf-reader-hint" class="muted small">{t('optionsPdfReaderHint')}</p>
          </div>
        )}
      </section>

      <SiteList stored={stored} save={save} />

      <section aria-labelledby="backup-title">
        <h2 id="backup-title">{t('optionsBackup')}</h2>
        <div class="row wrap">
          <button type="button" onClick={exportFile}>
            {t('optionsExport')}
          </button>
          <label class="file-button">
            {t('optionsImport')}
            <input ref={fileRef} type="file" accept="application/json,.json" onChange={(event) => importFile(event.currentTarget.files?.[0])} />
          </label>
        </div>
        <div class="row wrap">
          {confirmingReset ? (
            <>
              <span>{t('optionsResetConfirm')}</span>
              <button type="button" class="danger" onClick={reset}>
                {t('optionsResetYes')}
              </button>
              <button type="button" onClick={() => setConfirmingReset(false)}>
                {t('optionsResetNo')}
              </button>
            </>
          ) : (
            <button type="button" onClick={() => setConfirmingReset(true)}>
              {t('optionsReset')}
            </button>
          )}
        </div>
        <p role="status" class={status?.kind === 'error' ? 'error' : 'ok'} data-testid="options-status">
          {status?.text ?? ''}
        </p>
      </section>
    </main>
  );
}
