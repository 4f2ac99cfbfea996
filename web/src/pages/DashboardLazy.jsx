// The indicator pages load on demand: Chart.js and the .xlsx writer stay out of the bundle that
// every other page (and the public home page) downloads.
import { useEffect, useState } from 'preact/hooks';

function lazy(load, name) {
  let cached = null;
  return function Lazy(props) {
    const [Page, setPage] = useState(() => cached);
    const [failed, setFailed] = useState(false);
    useEffect(() => {
      if (Page) return;
      load().then(
        (m) => {
          cached = m[name];
          setPage(() => m[name]);
        },
        () => setFailed(true),
      );
    }, []);
    if (failed) {
      return (
        <p class="alert alert--error" role="alert">
          Không tải được trang. Vui lòng tải lại trang.
        </p>
      );
    }
    return Page ? (
      <Page {...props} />
    ) : (
      <p class="loading" role="status">
        Đang tải…
      </p>
    );
  };
}

export const DashboardKpi = lazy(() => import('./DashboardKpi.jsx'), 'DashboardKpi');
export const DashboardIngest = lazy(() => import('./DashboardIngest.jsx'), 'DashboardIngest');
export const Scoreboard = lazy(() => import('./Scoreboard.jsx'), 'Scoreboard');
