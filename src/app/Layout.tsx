import type { ReactNode } from 'react';
import { LANGS, setLang } from '../i18n';
import { href, type Page } from '../shared/route';
import { useFmt } from '../shared/useFmt';
import { Toaster } from '../shared/components/Toaster';
import { OfflineBadge } from './Banners';
import { HubGate } from './HubGate';

const NAV: { page: Page; key: string }[] = [
  { page: 'home', key: 'nav.home' },
  { page: 'instrumen', key: 'nav.instrument' },
  { page: 'bukti', key: 'nav.evidence' },
  { page: 'tanda', key: 'nav.flags' },
  { page: 'revisi', key: 'nav.revision' },
  { page: 'ringkasan', key: 'nav.summary' },
  { page: 'berkas', key: 'nav.exchange' },
  { page: 'opd', key: 'nav.agencies' },
  { page: 'riwayat', key: 'nav.activity' },
  { page: 'pengaturan', key: 'nav.settings' },
];

/** The evaluator's copy of a city file: review instead of answering. */
const NAV_EVALUATOR: { page: Page; key: string }[] = [
  { page: 'tinjauan', key: 'nav.review' },
  { page: 'bukti', key: 'nav.evidence' },
  { page: 'ringkasan', key: 'nav.summary' },
  { page: 'berkas', key: 'nav.exchange' },
];

/** The header's short form of a city's name: "Kabupaten" is "Kab." there (the whole name is its title). */
export const shortTitle = (name: string) => name.replace(/^Kabupaten\s+/i, 'Kab. ');

/** An agency's (OPD) copy of its pack: its questions, its evidence, the file to send back; no points. */
const NAV_AGENCY: { page: Page; key: string }[] = [
  { page: 'instrumen', key: 'nav.instrument' },
  { page: 'bukti', key: 'nav.evidence' },
  { page: 'berkas', key: 'nav.exchange' },
];

export function Layout({ wsId, page, title, year, scoreBar, badges, children, evaluator = false, agency }: { wsId: string | null; page: string; title?: string; year?: number; scoreBar?: ReactNode; badges?: Partial<Record<Page, ReactNode>>; children: ReactNode; evaluator?: boolean; agency?: string }) {
  const { t, lang } = useFmt();
  const nav = evaluator ? NAV_EVALUATOR : agency !== undefined ? NAV_AGENCY : NAV;
  return (
    <div className="app" data-mode={evaluator ? 'evaluator' : agency !== undefined ? 'agency' : 'city'}>
      <header className="topbar">
        <a className="brand" href={wsId ? href(wsId) : '#/'}>
          <img src="/favicon.svg" alt="" width={22} height={22} /> {t('app.name')}
        </a>
        {/* a long name takes two lines on a laptop's width, never the year: it tells this year's workspace from last year's */}
        {title && (
          <span className="ws-title" title={year ? `${title} ${year}` : title}>
            <span className="ws-name">{shortTitle(title)}</span>
            {year ? ` ${year}` : ''}
          </span>
        )}
        {evaluator && <span className="tag" data-testid="evaluator-mode">{t('review.mode')}</span>}
        {agency !== undefined && (
          <span className="tag" data-testid="agency-mode">
            {t('agencies.mode', { name: agency })}
          </span>
        )}
        {wsId && (
          <nav className="mainnav" aria-label="Menu">
            {nav.map((n) => (
              <a key={n.page} href={href(wsId, n.page)} aria-current={page === n.page ? 'page' : undefined}>
                {t(n.key)}
                {badges?.[n.page]}
              </a>
            ))}
          </nav>
        )}
        <span className="spacer" />
        <HubGate wsId={wsId} />
        <OfflineBadge />
        <a href="#/" className="small">
          {t('nav.workspaces')}
        </a>
        <span className="lang-switch" role="group" aria-label="Bahasa / Language">
          {LANGS.map((l) => (
            <button key={l} type="button" aria-pressed={lang === l} onClick={() => setLang(l)}>
              {l.toUpperCase()}
            </button>
          ))}
        </span>
      </header>
      {scoreBar}
      <main>{children}</main>
      <Toaster />
    </div>
  );
}
