// Access matrix rows for the landing page's workspace (issue 15). Format: see the comment at the
// top of matrix.rows.mjs. Every signed-in role has a landing page: the answer is always scoped to
// the caller (tests/api/workspace.test.mjs checks the sections and their contents by role).
import { signedIn } from './matrix.rows.mjs';

export const rows = [{ route: 'GET /api/v1/workspace', action: 'auth', inside: { expect: signedIn(200), request: async () => ({}) } }];
