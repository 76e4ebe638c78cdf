import type { ReactNode } from 'react';
import { LANGS, setLang } from '../i18n';
import { href, type Page } from '../shared/route';
import { useFmt } from '../shared/useFmt';
import { OfflineBadge } from './Banners';

const NAV: { page: Page; key: string }[] = [
  { page: 'home', key: 'nav.home' },
  { page: 'instrumen', key: 'nav.instrument' },
  { page: 'bukti', key: 'nav.evidence' },
  { page: 'tanda', key: 'nav.flags' },
  { page: 'ringkasan', key: 'nav.summary' },
  { page: 'opd', key: 'nav.agencies' },
  { page: 'riwayat', key: 'nav.activity' },
  { page: 'pengaturan', key: 'nav.settings' },
];

export function Layout({ wsId, page, title, scoreBar, children }: { wsId: string | null; page: string; title?: string; scoreBar?: ReactNode; children: ReactNode }) {
  const { t, lang } = useFmt();
  return (
    <div className="app">
      <header className="topbar">
        <a className="brand" href={wsId ? href(wsId) : '#/'}>
          <img src="/favicon.svg" alt="" width={22} height={22} /> {t('app.name')}
        </a>
        {title && <span className="ws-title">{title}</span>}
        {wsId && (
          <nav className="mainnav" aria-label="Menu">
            {NAV.map((n) => (
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
    </div>
  );
}
