import { useState } from 'react';
import { getDb } from '../../db/client';
import { LANGS, setLang, type Lang } from '../../i18n';
import { useFmt } from '../../shared/useFmt';
import { setSetting, useSetting } from '../../shared/settings';
import { useWorkspace } from '../../shared/workspace';

export function SettingsPage() {
  const { ws, rules } = useWorkspace();
  const { t, lang, lt } = useFmt();
  const [hours, setHours] = useState(String(ws.revisionHours));
  const maxFileMB = useSetting('maxFileMB');
  const ocr = useSetting('ocr');
  const ocrMaxPages = useSetting('ocrMaxPages');
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
        <label>
          {t('settings.maxFileMB')}
          <input
            type="number"
            min={1}
            max={500}
            defaultValue={maxFileMB}
            key={maxFileMB}
            onBlur={(e) => {
              const n = Number(e.target.value);
              if (Number.isInteger(n) && n >= 1 && n <= 500) void setSetting('maxFileMB', n);
              else e.target.value = String(maxFileMB);
            }}
          />
        </label>
        <label className="check">
          <input type="checkbox" checked={ocr} onChange={(e) => void setSetting('ocr', e.target.checked)} /> {t('settings.ocr')}
        </label>
        <label>
          {t('settings.ocrMaxPages')}
          <input
            type="number"
            min={1}
            max={500}
            defaultValue={ocrMaxPages}
            key={ocrMaxPages}
            onBlur={(e) => {
              const n = Number(e.target.value);
              if (Number.isInteger(n) && n >= 1 && n <= 500) void setSetting('ocrMaxPages', n);
              else e.target.value = String(ocrMaxPages);
            }}
          />
        </label>
        <div>
          <strong>{t('settings.rules')}</strong>
          <p>
            {t('settings.rulesInfo', { title: lt(rules.title), groups: rules.groups.length, indicators: rules.indicators.length, questions: rules.questionCount, max: rules.maxTotal })}
          </p>
          <p className="muted small mono">SHA-256 {rules.hash}</p>
        </div>
        <p className="muted">{t('settings.timezone')}</p>
      </section>
    </div>
  );
}
