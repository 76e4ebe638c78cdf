import { useState } from 'react';
import { getDb } from '../../db/client';
import { LANGS, setLang, type Lang } from '../../i18n';
import { useFmt } from '../../shared/useFmt';
import { setSetting, useSetting } from '../../shared/settings';
import { useWorkspace } from '../../shared/workspace';
import { DEFAULT_OFFICE, MAX_OFFICE } from '../../domain/model';

export function SettingsPage() {
  const { ws, rules } = useWorkspace();
  const { t, lang, lt, pts } = useFmt();
  const [hours, setHours] = useState(String(ws.revisionHours));
  const maxFileMB = useSetting('maxFileMB');
  const ocr = useSetting('ocr');
  const ocrMaxPages = useSetting('ocrMaxPages');
  const readTimeoutSec = useSetting('readTimeoutSec');
  return (
    <div className="page">
      <h1>{t('settings.title')}</h1>
      <section className="card form-grid">
        <label>
          {t('settings.language')}
          <select value={lang} onChange={(e) => setLang(e.target.value as Lang)}>
            {LANGS.map((l) => (
              <option key={l} value={l}>
                {l === 'id' ? 'Bahasa Indonesia' : 'English'}
              </option>
            ))}
          </select>
        </label>
        {(ws.role ?? 'city') === 'city' && <OfficeSetting />}
        <label>
          {t('settings.revisionHours')}
          <input
            type="number"
            min={1}
            max={720}
            value={hours}
            onChange={(e) => setHours(e.target.value)}
            onBlur={() => {
              const n = Number(hours);
              if (Number.isInteger(n) && n >= 1 && n <= 720) void getDb().workspaces.update(ws.id, { revisionHours: n });
              else setHours(String(ws.revisionHours));
            }}
          />
          <span className="muted small">{t('settings.revisionHoursHelp')}</span>
        </label>
        <IntegerSetting label={t('settings.maxFileMB')} value={maxFileMB} min={1} max={500} onSave={(n) => void setSetting('maxFileMB', n)} />
        <label className="check">
          <input type="checkbox" checked={ocr} onChange={(e) => void setSetting('ocr', e.target.checked)} /> {t('settings.ocr')}
        </label>
        <IntegerSetting label={t('settings.ocrMaxPages')} value={ocrMaxPages} min={1} max={500} onSave={(n) => void setSetting('ocrMaxPages', n)} />
        <IntegerSetting label={t('settings.readTimeoutSec')} value={readTimeoutSec} min={1} max={3600} onSave={(n) => void setSetting('readTimeoutSec', n)} />
        <div>
          <strong>{t('settings.rules')}</strong>
          <p>
            {t('settings.rulesInfo', { title: lt(rules.title), groups: rules.groups.length, indicators: rules.indicators.length, questions: rules.questionCount, max: pts(rules.maxTotal) })}
          </p>
          <p className="muted small mono">SHA-256 {rules.hash}</p>
        </div>
        <p className="muted">{t('settings.timezone')}</p>
      </section>
    </div>
  );
}

/** A whole number between min and max, saved when the field is left; anything else snaps back. */
function IntegerSetting({ label, value, min, max, onSave }: { label: string; value: number; min: number; max: number; onSave: (n: number) => void }) {
  return (
    <label>
      {label}
      <input
        type="number"
        min={min}
        max={max}
        defaultValue={value}
        key={value}
        onBlur={(e) => {
          const n = Number(e.target.value);
          if (Number.isInteger(n) && n >= min && n <= max) onSave(n);
          else e.target.value = String(value);
        }}
      />
    </label>
  );
}

/**
 * The city's own name for its KLA office (cities name it differently: DP3AKB, DP3A, DPPPAPPKB):
 * what agencies read in their packs ("Catatan untuk DP3A") and the printed summary signs with.
 */
function OfficeSetting() {
  const { ws } = useWorkspace();
  const { t } = useFmt();
  // said once stored: the officer (and a test) knows the name is kept before leaving the page
  const [saved, setSaved] = useState(false);
  return (
    <label>
      {t('settings.office')}
      <input
        defaultValue={ws.office ?? ''}
        key={ws.office ?? ''}
        placeholder={DEFAULT_OFFICE}
        maxLength={MAX_OFFICE}
        onBlur={(e) => {
          const office = e.target.value.trim().slice(0, MAX_OFFICE);
          if (office === (ws.office ?? '')) return;
          setSaved(false);
          void getDb()
            .workspaces.update(ws.id, { office: office || undefined })
            .then(() => setSaved(true));
        }}
      />
      {saved && (
        <span className="ok small" role="status" data-testid="office-saved">
          ✓ {t('instrument.saved')}
        </span>
      )}
      <span className="muted small">{t('settings.officeHelp')}</span>
    </label>
  );
}
