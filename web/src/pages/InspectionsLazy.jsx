// The inspection and communication pages (issue 18) load on demand, in chunks of their own.
import { lazy } from '../lazy.jsx';

export const InspectionList = lazy(() => import('./Inspections.jsx'), 'InspectionList');
export const InspectionDetail = lazy(() => import('./Inspections.jsx'), 'InspectionDetail');
export const InspectionTemplates = lazy(() => import('./Inspections.jsx'), 'InspectionTemplates');
export const Communications = lazy(() => import('./Communications.jsx'), 'Communications');
export const CommunicationDetail = lazy(() => import('./Communications.jsx'), 'CommunicationDetail');
