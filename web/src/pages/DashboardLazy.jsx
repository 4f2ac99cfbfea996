// The indicator pages load on demand: Chart.js and the .xlsx writer stay out of the bundle that
// every other page (and the public home page) downloads.
import { lazy } from '../lazy.jsx';

export const DashboardKpi = lazy(() => import('./DashboardKpi.jsx'), 'DashboardKpi');
export const DashboardIngest = lazy(() => import('./DashboardIngest.jsx'), 'DashboardIngest');
export const Scoreboard = lazy(() => import('./Scoreboard.jsx'), 'Scoreboard');
