import { lazy, Suspense, useState } from 'react';
import { NavLink, Route, Routes, useLocation } from 'react-router';
import { Icon, type IconName } from './components/icons';
import { Skeleton } from './components/states';
import { LastUpdated } from './components/LastUpdated';
import { useFeedState } from './live/LiveFeedProvider';
import { useSession } from './auth/SessionGate';
import { tokenStore } from './auth/tokenStore';
import { setTheme, useTheme } from './theme';
import { OverviewPage } from './pages/overview/OverviewPage';

// the overview is the first page most people open, so it ships in the main bundle; the rest load on first visit
const QueriesPage = lazy(() => import('./pages/queries/QueriesPage'));
const AgentsPage = lazy(() => import('./pages/agents/AgentsPage'));
const OptimizationPage = lazy(() => import('./pages/optimization/OptimizationPage'));
const ModelsPage = lazy(() => import('./pages/models/ModelsPage'));
const HealthPage = lazy(() => import('./pages/health/HealthPage'));

const PAGES: { path: string; label: string; icon: IconName }[] = [
  { path: '/', label: 'Overview', icon: 'overview' },
  { path: '/queries', label: 'Queries', icon: 'queries' },
  { path: '/agents', label: 'Agents', icon: 'agents' },
  { path: '/optimization', label: 'Optimization', icon: 'optimization' },
  { path: '/models', label: 'Models', icon: 'models' },
  { path: '/health', label: 'Health', icon: 'health' },
];

export function App() {
  const [collapsed, setCollapsed] = useState(() => localStorage.getItem('dwpilot.sidebar') === 'collapsed');
  const toggle = () => {
    localStorage.setItem('dwpilot.sidebar', collapsed ? 'open' : 'collapsed');
    setCollapsed(!collapsed);
  };
  return (
    <div className={collapsed ? 'shell collapsed' : 'shell'}>
      <nav className="sidebar" aria-label="Pages">
        <div className="brand">
          <span className="logo">
            <Icon name="health" size={16} />
          </span>
          <span className="brand-name">dwpilot</span>
        </div>
        <div className="nav">
          {PAGES.map((p) => (
            <NavLink key={p.path} to={p.path} end={p.path === '/'} title={p.label}>
              <Icon name={p.icon} /> <span className="nav-label">{p.label}</span>
            </NavLink>
          ))}
        </div>
        <button
          className="collapse-toggle"
          onClick={toggle}
          aria-label={collapsed ? 'Expand the menu' : 'Collapse the menu'}
        >
          <Icon name="chevrons" size={16} />
        </button>
        <div className="sidebar-foot">self-optimizing warehouse</div>
      </nav>
      <div className="main">
        <TopBar />
        <main className="content">
          <Suspense fallback={<Skeleton height={120} lines={3} />}>
            <Routes>
              <Route path="/" element={<OverviewPage />} />
              <Route path="/queries" element={<QueriesPage />} />
              <Route path="/queries/:queryId" element={<QueriesPage />} />
              <Route path="/agents" element={<AgentsPage />} />
              <Route path="/optimization" element={<OptimizationPage />} />
              <Route path="/models" element={<ModelsPage />} />
              <Route path="/health" element={<HealthPage />} />
              <Route path="*" element={<NotFound />} />
            </Routes>
          </Suspense>
        </main>
      </div>
    </div>
  );
}

function TopBar() {
  const location = useLocation();
  const page = PAGES.find((p) => (p.path === '/' ? location.pathname === '/' : location.pathname.startsWith(p.path)));
  const session = useSession();
  const theme = useTheme();
  return (
    <header className="topbar">
      <h1>{page?.label ?? 'dwpilot'}</h1>
      <FeedIndicator />
      <button
        className="icon-button"
        onClick={() => setTheme(theme === 'dark' ? 'light' : 'dark')}
        aria-label={theme === 'dark' ? 'Switch to light mode' : 'Switch to dark mode'}
        title="Dark mode"
      >
        <Icon name={theme === 'dark' ? 'sun' : 'moon'} />
      </button>
      <span className="status-line" title="Who the server takes you for">
        {session.user} <span className="badge">{session.role}</span>
      </span>
      {session.tokensRequired && (
        <button
          className="icon-button"
          onClick={() => {
            tokenStore.clear();
            window.location.reload();
          }}
          aria-label="Sign out"
          title="Sign out"
        >
          <Icon name="logout" />
        </button>
      )}
    </header>
  );
}

/** Whether the live feed is connected, and how fresh the last message is. */
function FeedIndicator() {
  const feed = useFeedState();
  const live = feed.status === 'live';
  return (
    <span className="status-line" data-testid="feed-status" data-status={feed.status}>
      <span className={`dot ${live ? 'ok pulse' : 'warn'}`} />
      {live ? 'Live' : feed.status === 'connecting' ? 'Connecting…' : 'Reconnecting… (polling meanwhile)'}
      <LastUpdated at={feed.lastMessageAt} label="· last message" />
    </span>
  );
}

function NotFound() {
  return (
    <div className="empty">
      <strong>No such page</strong>
      <NavLink to="/">Back to the overview</NavLink>
    </div>
  );
}
