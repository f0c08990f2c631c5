// A small Bearer token service for the registry's `auth.token` (distribution's token spec), written
// for the tests: an RSA key and self-signed certificate made by openssl in a temp dir, and an HTTP
// endpoint on 127.0.0.1 that checks Basic credentials and answers `{"token": <JWT>}` granting each
// user the actions the test gives it (the certificate rides in the JWT's x5c header, which the
// registry checks against its rootcertbundle). It answers CORS preflights for the page's origin,
// counts the token requests, and is closed by the test.

import { createPrivateKey, randomUUID, sign } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { createServer } from 'node:http';
import { join } from 'node:path';
import { makeTempDir, runTool } from './oracle.ts';

export interface TokenUser {
  password: string;
  /** The actions this user gets on a repository, e.g. ['pull'] or ['pull', 'push']. */
  actions: (repository: string) => string[];
}

export interface TokenService {
  realm: string;
  service: string;
  issuer: string;
  /** Path of the certificate the registry trusts (its rootcertbundle). */
  certificate: string;
  /** Token requests answered so far (with their scopes), in order. */
  requests: { user: string; scopes: string[] }[];
  stop(): Promise<void>;
}

const b64url = (data: Buffer | string) => Buffer.from(data).toString('base64url');

export async function startTokenService(users: Record<string, TokenUser>, corsOrigin: string): Promise<TokenService> {
  const dir = makeTempDir('token');
  const key = join(dir.path, 'token.key');
  const certificate = join(dir.path, 'token.crt');
  runTool('openssl', ['req', '-x509', '-newkey', 'rsa:2048', '-nodes', '-keyout', key, '-out', certificate, '-days', '2', '-subj', '/CN=layerpad-test-token-service']);
  const privateKey = createPrivateKey(readFileSync(key));
  const der = readFileSync(certificate, 'utf8').replace(/-----[^-]+-----|\s/g, '');
  const service = 'layerpad-test-registry';
  const issuer = 'layerpad-test-token-service';
  const requests: TokenService['requests'] = [];

  const server = createServer((req, res) => {
    res.setHeader('Access-Control-Allow-Origin', corsOrigin);
    res.setHeader('Access-Control-Allow-Headers', 'Authorization');
    if (req.method === 'OPTIONS') return void res.writeHead(204).end();
    const url = new URL(req.url ?? '/', 'http://token');
    const scopes = url.searchParams.getAll('scope');
    const basic = /^Basic (.+)$/.exec(req.headers.authorization ?? '')?.[1];
    const [user, password] = basic ? Buffer.from(basic, 'base64').toString().split(/:(.*)/s) : ['', ''];
    if (basic && users[user]?.password !== password) {
      res.writeHead(401, { 'Content-Type': 'application/json' }).end('{"details":"incorrect username or password"}');
      return;
    }
    requests.push({ user, scopes });
    const access = scopes.flatMap((scope) => {
      const [type, name, wanted] = [scope.slice(0, scope.indexOf(':')), scope.slice(scope.indexOf(':') + 1, scope.lastIndexOf(':')), scope.slice(scope.lastIndexOf(':') + 1).split(',')];
      const allowed = user ? users[user].actions(name) : [];
      const actions = wanted.filter((a) => allowed.includes(a));
      return type === 'repository' && actions.length ? [{ type, name, actions }] : [];
    });
    const now = Math.floor(Date.now() / 1000);
    const header = b64url(JSON.stringify({ alg: 'RS256', typ: 'JWT', x5c: [der] }));
    const claims = b64url(JSON.stringify({ iss: issuer, sub: user, aud: service, exp: now + 300, nbf: now - 10, iat: now, jti: randomUUID(), access }));
    const signature = b64url(sign('sha256', Buffer.from(`${header}.${claims}`), privateKey));
    res.writeHead(200, { 'Content-Type': 'application/json' }).end(JSON.stringify({ token: `${header}.${claims}.${signature}`, expires_in: 300 }));
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const address = server.address();
  const port = typeof address === 'object' && address ? address.port : 0;
  return {
    realm: `http://127.0.0.1:${port}/token`,
    service,
    issuer,
    certificate,
    requests,
    async stop() {
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
      dir.remove();
    },
  };
}
