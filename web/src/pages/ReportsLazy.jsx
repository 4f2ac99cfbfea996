// The report pages load on demand, in one chunk of their own: the intranet chunk that every
// signed-in page downloads does not grow with them.
import { lazy } from '../lazy.jsx';

export const Reports = lazy(() => import('./Reports.jsx'), 'Reports');
export const ReportDetail = lazy(() => import('./ReportDetail.jsx'), 'ReportDetail');
export const ReportPrint = lazy(() => import('./ReportPrint.jsx'), 'ReportPrint');
