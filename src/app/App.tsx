import { QueryClient, QueryClientProvider } from '@tanstack/react-query';
import { lazy, Suspense, useEffect } from 'react';
import { navigate, useRoute, type Route } from '../shared/route';
import { useRulesByHash } from '../shared/rules';
import { useFmt } from '../shared/useFmt';
import { useWorkspaceRecord, WorkspaceProvider } from '../shared/workspace';
import { DbHealthBanner, useDbHealth } from './Banners';
import { ErrorBoundary } from './ErrorBoundary';
import { Layout } from './Layout';
import { BackupReminder } from './BackupReminder';
import { RevisionBanner } from './RevisionBanner';
import { ScoreBar } from './ScoreBar';

// Screens load on first use, so the start-up bundle stays small (budget: 150 KB gzip).
const named = <K extends string>(p: Promise<Record<K, React.ComponentType<any>>>, k: K) => p.then((m) => ({ default: m[k] }));
const HomePage = lazy(() => named(import('../features/home/HomePage'), 'HomePage'));
const InstrumentPage = lazy(() => named(import('../features/instrument/InstrumentPage'), 'InstrumentPage'));
const AgenciesPage = lazy(() => named(import('../features/agencies/AgenciesPage'), 'AgenciesPage'));
const ActivityPage = lazy(() => named(import('../features/activity/ActivityPage'), 'ActivityPage'));
const SettingsPage = lazy(() => named(import('../features/settings/SettingsPage'), 'SettingsPage'));
const EvidencePage = lazy(() => named(import('../features/evidence/EvidencePage'), 'EvidencePage'));
const FlagsPage = lazy(() => named(import('../features/flags/FlagsPage'), 'FlagsPage'));
const SummaryPage = lazy(() => named(import('../features/summary/SummaryPage'), 'SummaryPage'));
const ExchangePage = lazy(() => named(import('../features/exchange/ExchangePage'), 'ExchangePage'));
const ReviewPage = lazy(() => named(import('../features/review/ReviewPage'), 'ReviewPage'));
const RevisionPage = lazy(() => named(import('../features/revision/RevisionPage'), 'RevisionPage'));
const WorkspacesPage = lazy(() => named(import('../features/workspace/WorkspacesPage'), 'WorkspacesPage'));

const queryClient = new QueryClient({ defaultOptions: { queries: { networkMode: 'always' } } });
const LAST_WS = 'siap-kla.lastWorkspace';

function WorkspacePage({ route }: { route: Route }) {
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

  useEffect(() => {
    if (route.ws && ws) localStorage.setItem(LAST_WS, route.ws);
  }, [route.ws, ws]);
  useEffect(() => {
    // First screen: reopen the last workspace if there is one.
    if (route.page === 'workspaces' && !sessionStorage.getItem('siap-kla.visited')) {
      sessionStorage.setItem('siap-kla.visited', '1');
      const last = localStorage.getItem(LAST_WS);
      if (last) navigate(`#/w/${last}`, true);
    }
  }, [route.page]);

  const banner = <DbHealthBanner health={health} />;
  if (health.state !== 'ok') return <Layout wsId={null} page="">{banner}</Layout>;

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
    <WorkspaceProvider ws={ws} rules={rules.data}>
      <Layout
        wsId={ws.id}
        evaluator={ws.role === 'evaluator'}
        page={route.page}
        title={`${ws.city} ${ws.year}`}
        scoreBar={
          <>
            <ScoreBar />
            <RevisionBanner />
            <BackupReminder />
          </>
        }
      >
        <ErrorBoundary resetKey={`${route.page}/${route.params.join('/')}`}>
          <WorkspacePage route={route} />
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
