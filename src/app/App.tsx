import { QueryClient, QueryClientProvider } from '@tanstack/react-query';
import { lazy, Suspense, useEffect } from 'react';
import { navigate, parseHash, useRoute, type Page, type Route } from '../shared/route';
import { useRulesByHash } from '../shared/rules';
import { useDemoResume } from './useDemoResume';
import { useFmt } from '../shared/useFmt';
import { loadScreenWords } from '../i18n';
import { useWorkspaceRecord, WorkspaceProvider } from '../shared/workspace';
import { DbHealthBanner, StorageClosedNotice, useDbHealth } from './Banners';
import { ErrorBoundary } from './ErrorBoundary';
import { prefetchDocList } from '../features/evidence/docList';
import { Layout } from './Layout';
import { BackupReminder } from './BackupReminder';
import { RevisionBanner } from './RevisionBanner';
import { getDb } from '../db/client';
import { purgeDeletedWorkspaces } from '../db/queries';
import { ScoreBar } from './ScoreBar';
import { FlagsBadge } from './FlagsBadge';
import { IntakeBadge } from './IntakeBadge';
import { Optional } from '../shared/components/Optional';

// Screens load on first use, so the start-up bundle stays small (budget: 150 KB gzip). The
// screen the address names starts loading at once, beside the workspace and its rules, instead of
// after them (a reload of a city-sized workspace waited ~250 ms longer for it).
type Screen = Page | 'workspaces' | 'provinsi';
const loaders: Record<Screen, () => Promise<React.ComponentType<any>>> = {
  home: () => import('../features/home/HomePage').then((m) => m.HomePage),
  instrumen: () => import('../features/instrument/InstrumentPage').then((m) => m.InstrumentPage),
  opd: () => import('../features/agencies/AgenciesPage').then((m) => m.AgenciesPage),
  riwayat: () => import('../features/activity/ActivityPage').then((m) => m.ActivityPage),
  pengaturan: () => import('../features/settings/SettingsPage').then((m) => m.SettingsPage),
  bukti: () => import('../features/evidence/EvidencePage').then((m) => m.EvidencePage),
  tanda: () => import('../features/flags/FlagsPage').then((m) => m.FlagsPage),
  ringkasan: () => import('../features/summary/SummaryPage').then((m) => m.SummaryPage),
  berkas: () => import('../features/exchange/ExchangePage').then((m) => m.ExchangePage),
  tinjauan: () => import('../features/review/ReviewPage').then((m) => m.ReviewPage),
  revisi: () => import('../features/revision/RevisionPage').then((m) => m.RevisionPage),
  workspaces: () => import('../features/workspace/WorkspacesPage').then((m) => m.WorkspacesPage),
  provinsi: () => import('../features/province/ProvincePage').then((m) => m.ProvincePage),
};
const screens = new Map<Screen, Promise<React.ComponentType<any>>>();
const loadScreen = (s: Screen) => {
  // a failed load (a chunk missing after an update) is tried again next time; every screen but
  // Beranda comes with the screens' words (src/i18n: Beranda's are in the start-up bundle)
  const load = () => Promise.all([loaders[s](), s === 'home' ? null : loadScreenWords()]).then(([c]) => c);
  if (!screens.has(s)) screens.set(s, load().catch((e) => (screens.delete(s), Promise.reject(e))));
  return screens.get(s)!;
};
const screen = (s: Screen) => lazy(() => loadScreen(s).then((c) => ({ default: c })));

/** At boot (main.tsx): start loading the screen the address names, and on Bukti its document list. */
export function preloadFirstScreen(hash: string): void {
  const first = parseHash(hash);
  void loadScreen(first.page).catch(() => undefined);
  if (first.ws && first.page === 'bukti') prefetchDocList(first.ws);
}
const HomePage = screen('home');
const InstrumentPage = screen('instrumen');
const AgenciesPage = screen('opd');
const ActivityPage = screen('riwayat');
const SettingsPage = screen('pengaturan');
const EvidencePage = screen('bukti');
const FlagsPage = screen('tanda');
const SummaryPage = screen('ringkasan');
const ExchangePage = screen('berkas');
const ReviewPage = screen('tinjauan');
const RevisionPage = screen('revisi');
const WorkspacesPage = screen('workspaces');
const ProvincePage = screen('provinsi');

const queryClient = new QueryClient({ defaultOptions: { queries: { networkMode: 'always' } } });
const LAST_WS = 'siap-kla.lastWorkspace';
const VISITED = 'siap-kla.visited';

/** The screens of an agency's copy; any other address opens its questions (Instrumen). */
const AGENCY_PAGES: readonly string[] = ['instrumen', 'bukti', 'berkas'];

/**
 * The screens of an evaluator's copy; any other address opens Tinjauan (a question's address in
 * Instrumen, as Bukti's links name it, opens that question there): the city's answers, links and
 * settings are not the evaluator's to change, and a change would read as the city's in "berubah".
 */
const EVALUATOR_PAGES: readonly string[] = ['tinjauan', 'bukti', 'ringkasan', 'berkas'];

function WorkspacePage({ route, agency, evaluator }: { route: Route; agency: boolean; evaluator: boolean }) {
  // an agency's copy has no Beranda (it is about points): it opens on its questions
  if (agency && !AGENCY_PAGES.includes(route.page)) return <InstrumentPage agencyParam={null} />;
  if (evaluator && !EVALUATOR_PAGES.includes(route.page))
    return <ReviewPage indicator={route.page === 'instrumen' ? route.params[0] : undefined} question={route.page === 'instrumen' ? route.params[1] : undefined} changedOnly={false} />;
  switch (route.page) {
    case 'instrumen':
      return <InstrumentPage indicator={route.params[0]} question={route.params[1]} agencyParam={route.query.get('opd')} />;
    case 'bukti':
      return <EvidencePage selectedId={route.params[0]} />;
    case 'berkas':
      return <ExchangePage />;
    case 'tinjauan':
      return <ReviewPage indicator={route.params[0]} question={route.params[1]} changedOnly={route.query.get('berubah') === '1'} />;
    case 'revisi':
      return <RevisionPage />;
    case 'ringkasan':
      return <SummaryPage />;
    case 'tanda':
      return <FlagsPage />;
    case 'opd':
      return <AgenciesPage />;
    case 'riwayat':
      return <ActivityPage />;
    case 'pengaturan':
      return <SettingsPage />;
    default:
      return <HomePage />;
  }
}

function Routed() {
  const route = useRoute();
  const { t } = useFmt();
  const health = useDbHealth();
  const ws = useWorkspaceRecord(route.ws);
  const rules = useRulesByHash(ws?.rulesHash);
  useDemoResume(ws, rules.data);

  useEffect(() => {
    if (route.ws && ws?.id === route.ws) localStorage.setItem(LAST_WS, route.ws);
  }, [route.ws, ws]);
  useEffect(() => {
    if (health.state !== 'ok') return;
    // workspaces deleted in a tab closed before its Urungkan went: deleted for good now
    void purgeDeletedWorkspaces(getDb(), { olderThan: 2 * 60_000 }).catch(() => undefined);
    // deleted documents are kept 30 days (db/trash.ts); emptied half a minute after the start,
    // off its path (the trash's code, and the document code it restores with, load then)
    const t = setTimeout(() => void import('../db/trash').then((m) => m.purgeTrash(getDb())).catch(() => undefined), 30_000);
    return () => clearTimeout(t);
  }, [health.state]);
  useEffect(() => {
    // The app opened on its bare address: reopen the last workspace, once a tab. Opened anywhere
    // else (a bookmark, a reload, a link), it is not done later either: a click on Ruang kerja
    // after such a start bounced back to the workspace (the fourth walk, 7 Dec 2026).
    if (sessionStorage.getItem(VISITED)) return;
    sessionStorage.setItem(VISITED, '1');
    const last = localStorage.getItem(LAST_WS);
    if (route.page === 'workspaces' && last) navigate(`#/w/${last}`, true);
  }, []); // the first screen only

  const banner = <DbHealthBanner health={health} />;
  if (health.state !== 'ok') return <Layout wsId={null} page="">{banner}</Layout>;

  if (route.page === 'provinsi') {
    return (
      <Layout wsId={null} page="provinsi">
        <ProvincePage />
      </Layout>
    );
  }
  if (!route.ws) {
    return (
      <Layout wsId={null} page="workspaces">
        <WorkspacesPage currentId={null} />
      </Layout>
    );
  }
  if (ws === undefined || (ws && rules.isLoading)) return <Layout wsId={null} page="">{<p className="page muted">{t('common.loading')}</p>}</Layout>;
  if (ws === null) {
    return (
      <Layout wsId={null} page="workspaces">
        <p className="page error" role="alert">
          {t('errors.workspaceMissing')}
        </p>
        <WorkspacesPage currentId={null} />
      </Layout>
    );
  }
  if (rules.error || !rules.data) {
    const err = rules.error as { file?: string; errors?: string[]; message?: string } | null;
    return (
      <Layout wsId={null} page="">
        <div className="page error" role="alert">
          <p>{t('errors.rulesInvalid', { file: err?.file ?? ws.rulesId })}</p>
          <ul>{(err?.errors ?? [err?.message ?? '']).map((e, i) => <li key={i} className="mono">{e}</li>)}</ul>
        </div>
      </Layout>
    );
  }
  return (
    // keyed: another workspace starts afresh (no score, band or typing carried over from the last one)
    <WorkspaceProvider key={ws.id} ws={ws} rules={rules.data}>
      <Layout
        wsId={ws.id}
        evaluator={ws.role === 'evaluator'}
        agency={ws.role === 'agency' ? (ws.agency?.name ?? '') : undefined}
        page={ws.role === 'agency' && !AGENCY_PAGES.includes(route.page) ? 'instrumen' : route.page}
        title={ws.city}
        year={ws.year}
        badges={ws.role === 'evaluator' ? undefined : { bukti: <IntakeBadge />, ...(ws.role === 'agency' ? {} : { tanda: <Optional><FlagsBadge /></Optional> }) }}
        scoreBar={
          ws.role === 'agency' ? undefined : (
            <>
              <ScoreBar />
              <RevisionBanner onRevisi={route.page === 'revisi'} />
              <BackupReminder />
            </>
          )
        }
      >
        <StorageClosedNotice />
        <ErrorBoundary resetKey={`${route.page}/${route.params.join('/')}`}>
          {route.missing !== undefined && (
            <p className="page warn" role="alert" data-testid="page-missing">
              {t('errors.pageMissing', { page: route.missing })}
            </p>
          )}
          <WorkspacePage route={route} agency={ws.role === 'agency'} evaluator={ws.role === 'evaluator'} />
        </ErrorBoundary>
      </Layout>
    </WorkspaceProvider>
  );
}

export function App() {
  return (
    <QueryClientProvider client={queryClient}>
        <ErrorBoundary>
          <Suspense fallback={<p className="page muted">…</p>}>
            <Routed />
          </Suspense>
        </ErrorBoundary>
    </QueryClientProvider>
  );
}
