// Routes and the two faces of the app: public pages under "/", the intranet
// under "/app" (signed-in users only). Only the home page is in the entry chunk;
// every other page, and the whole intranet, loads on demand (see lazy.jsx).
import { useEffect, useRef } from 'preact/hooks';
import { findRoute, useLocation } from './router.js';
import { lazy } from './lazy.jsx';
import { Home } from './pages/Home.jsx';
import { NotFound } from './pages/NotFound.jsx';
import { Scoreboard } from './pages/DashboardLazy.jsx';

const Intranet = lazy(() => import('./intranet.jsx'), 'Intranet');

const PUBLIC_ROUTES = [
  { path: '/', page: Home },
  { path: '/dang-nhap', page: lazy(() => import('./pages/Login.jsx'), 'Login') },
  { path: '/phan-anh', page: lazy(() => import('./pages/PublicFeedback.jsx'), 'PublicFeedback') },
  { path: '/phan-anh/tra-cuu', page: lazy(() => import('./pages/PublicFeedbackTrack.jsx'), 'PublicFeedbackTrack') },
  { path: '/phan-anh/da-tra-loi', page: lazy(() => import('./pages/PublicFeedbackPublished.jsx'), 'PublicFeedbackPublished') },
  { path: '/phan-anh/da-tra-loi/:id', page: lazy(() => import('./pages/PublicFeedbackPublished.jsx'), 'PublicFeedbackAnswer') },
  { path: '/phan-anh/da-gui/:code', page: lazy(() => import('./pages/PublicFeedbackSent.jsx'), 'PublicFeedbackSent') },
  { path: '/bang-xep-hang', page: Scoreboard },
  { path: '/chi-so-cchc', page: lazy(() => import('./pages/ReformIndex.jsx'), 'PublicIndexRanking') },
  { path: '/khao-sat/:token', page: lazy(() => import('./pages/Sipas.jsx'), 'PublicSipasForm') },
  { path: '/cong-khai-tre-han', page: lazy(() => import('./pages/LateDossiers.jsx'), 'PublicLateUnits') },
  { path: '/khao-sat-hai-long', page: lazy(() => import('./pages/Sipas.jsx'), 'PublicSipasResults') },
  { path: '/thu-tuc', page: lazy(() => import('./pages/PublicProcedures.jsx'), 'PublicProcedures') },
  { path: '/thu-tuc/:code', page: lazy(() => import('./pages/PublicProcedure.jsx'), 'PublicProcedure') },
];

/** After an in-app navigation: scroll to the top and move focus to the main region. */
function useFocusOnNavigate(path) {
  const first = useRef(true);
  useEffect(() => {
    if (first.current) {
      first.current = false;
      return;
    }
    window.scrollTo(0, 0);
    const main = document.getElementById('main');
    if (main) main.focus({ preventScroll: true });
  }, [path]);
}

export function App() {
  const { path, search } = useLocation();
  useFocusOnNavigate(path);
  if (path === '/app' || path.startsWith('/app/')) return <Intranet path={path} search={search} />;
  const hit = findRoute(PUBLIC_ROUTES, path);
  if (!hit) return <NotFound />;
  const Page = hit.route.page;
  return <Page params={hit.params} search={search} />;
}
