// A stand-in external identity provider for tests: serves a JWKS on loopback and mints tokens
// (jose) on POST /mint {claims, alg?, kid?, expiresIn?}. Started by scripts/test.sh.
import http from 'node:http';
import { generateKeyPair, exportJWK, SignJWT } from 'jose';

const port = Number(process.env.KSTT_IDP_PORT || 18099);
const issuer = `http://127.0.0.1:${port}/realms/kstt`;
const rsa = await generateKeyPair('RS256', { extractable: true });
const jwk = { ...(await exportJWK(rsa.publicKey)), kid: 'idp-rs-1', alg: 'RS256', use: 'sig' };
// A second key that is NOT published: tokens signed with it must be refused (unknown kid).
const rogue = await generateKeyPair('RS256', { extractable: true });

async function mint({ claims = {}, kid = 'idp-rs-1', rogueKey = false, expiresIn = '5m', header = {} }) {
  const now = Math.floor(Date.now() / 1000);
  return new SignJWT({ aud: 'kstt-api', iss: issuer, ...claims })
    .setProtectedHeader({ alg: 'RS256', kid, ...header })
    .setIssuedAt(claims.iat ?? now)
    .setExpirationTime(claims.exp ?? expiresIn)
    .sign(rogueKey ? rogue.privateKey : rsa.privateKey);
}

const server = http.createServer(async (req, res) => {
  if (req.method === 'GET' && req.url.endsWith('/jwks.json')) {
    res.writeHead(200, { 'content-type': 'application/json' });
    res.end(JSON.stringify({ keys: [jwk] }));
    return;
  }
  if (req.method === 'POST' && req.url === '/mint') {
    let body = '';
    for await (const c of req) body += c;
    try {
      const token = await mint(JSON.parse(body || '{}'));
      res.writeHead(200, { 'content-type': 'application/json' });
      res.end(JSON.stringify({ token, issuer }));
    } catch (e) {
      res.writeHead(400);
      res.end(String(e));
    }
    return;
  }
  res.writeHead(404);
  res.end();
});
server.listen(port, '127.0.0.1', () => console.log(`idp listening on ${port}, issuer ${issuer}`));
