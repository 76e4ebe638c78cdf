import type { ReactNode } from 'react';
import { LANGS, setLang } from '../i18n';
import { href, type Page } from '../shared/route';
import { useFmt } from '../shared/useFmt';
import { Toaster } from '../shared/components/Toaster';
import { OfflineBadge } from './Banners';

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

export function Layout({ wsId, page, title, scoreBar, children, evaluator = false }: { wsId: string | null; page: string; title?: string; scoreBar?: ReactNode; children: ReactNode; evaluator?: boolean }) {
  const { t, lang } = useFmt();
  return (
    <div className="app">
      <header className="topbar">
        <a className="brand" href={wsId ? href(wsId) : '#/'}>
          <img src="/favicon.svg" alt="" width={22} height={22} /> {t('app.name')}
        </a>
        {title && <span className="ws-title">{title}</span>}
        {evaluator && <span className="tag" data-testid="evaluator-mode">{t('review.mode')}</span>}
        {wsId && (
          <nav className="mainnav" aria-label="Menu">
            {(evaluator ? NAV_EVALUATOR : NAV).map((n) => (
              <a key={n.page} href={href(wsId, n.page)} aria-current={page === n.page ? 'page' : undefined}>
                {t(n.key)}
              </a>
            ))}
          </nav>
        )}
        <span className="spacer" />
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
