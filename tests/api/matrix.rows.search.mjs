// Access matrix rows for the search across modules (issue 15). Format: see the comment at the top of
// matrix.rows.mjs. Every signed-in role may search (each sees only its own scope: that is checked
// object by object in tests/api/search.test.mjs); anonymous callers get 401, never a group.
import { signedIn } from './matrix.rows.mjs';

export const rows = [
  {
    route: 'GET /api/v1/search',
    action: 'auth',
    inside: { expect: signedIn(200), request: async () => ({ query: 'q=ke%20hoach' }) },
  },
];
