// The review pages (issue 17) load on demand, in one chunk of their own.
import { lazy } from '../lazy.jsx';

export const ReviewForms = lazy(() => import('./Review.jsx'), 'ReviewForms');
export const ReviewFormPage = lazy(() => import('./Review.jsx'), 'ReviewFormPage');
export const ReviewProposals = lazy(() => import('./Review.jsx'), 'ReviewProposals');
export const ReviewDecisions = lazy(() => import('./Review.jsx'), 'ReviewDecisions');
export const ReviewDecision = lazy(() => import('./Review.jsx'), 'ReviewDecision');
