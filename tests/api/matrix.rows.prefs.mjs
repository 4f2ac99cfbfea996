// Access matrix rows for the notification preferences (issue 15). Format: see the comment at the
// top of matrix.rows.mjs. The path is always the caller's own preferences: every signed-in role
// reads and writes its own (an empty PUT changes nothing), anonymous 401; there is no outside.
import { signedIn } from './matrix.rows.mjs';

export const rows = [
  { route: 'GET /api/v1/me/notification-preferences', action: 'auth', inside: { expect: signedIn(200), request: async () => ({}) } },
  { route: 'PUT /api/v1/me/notification-preferences', action: 'auth', inside: { expect: signedIn(200), request: async () => ({ body: { kinds: [] } }) } },
];
