// Access matrix rows for the sign-in through OpenID providers (issue 13). Format: see the comment
// at the top of matrix.rows.mjs. Every route is public except the end-session address; inside =
// the province's provider, outside = the ministry's, missing = a provider not configured. A
// start or a callback without a browser's state always ends on the sign-in page (302); a
// back-channel call without a logout token is 400 whoever sends it.
import { signedIn, everyone } from './matrix.rows.mjs';

const at = (provider) => async () => ({ params: { provider } });

export const rows = [
  { route: 'GET /api/v1/auth/oidc/providers', action: 'public', inside: { expect: everyone(200), request: async () => ({}) } },
  { route: 'GET /api/v1/auth/oidc/logout', action: 'auth', inside: { expect: signedIn(200), request: async () => ({}) } },
  {
    route: 'GET /api/v1/auth/oidc/{provider}/login',
    action: 'public',
    inside: { expect: everyone(302), request: at('tinh') },
    outside: { expect: everyone(302), request: at('bo') },
    missing: { expect: everyone(302), request: at('khong-co') },
  },
  {
    route: 'GET /api/v1/auth/oidc/{provider}/callback',
    action: 'public',
    inside: { expect: everyone(302), request: at('tinh') },
    outside: { expect: everyone(302), request: at('bo') },
    missing: { expect: everyone(302), request: at('khong-co') },
  },
  {
    route: 'POST /api/v1/auth/oidc/{provider}/backchannel',
    action: 'public',
    inside: { expect: everyone(400), request: at('tinh') },
    outside: { expect: everyone(400), request: at('bo') },
    missing: { expect: everyone(404), request: at('khong-co') },
  },
];
