// Authentication against real servers on 127.0.0.1: docker-registry with distribution's token auth
// (a key and certificate made by openssl, the test's own token service) and docker-registry behind
// nginx with htpasswd Basic auth. Tokens are fetched once and reused; a wrong password, a missing
// push right and missing credentials each say what is wrong; credentials never reach a message.

import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildImage } from '../build/image.ts';
import type { ImageIndex } from '../image/model.ts';
import { smallSpec } from '../../test-support/image.ts';
import { startNginx, type RunningNginx } from '../../test-support/nginx.ts';
import { requireTool } from '../../test-support/oracle.ts';
import { startRegistry, type RunningRegistry } from '../../test-support/registry.ts';
import { startTokenService, type TokenService } from '../../test-support/token-server.ts';
import { memorySinkFactory } from '../store/memory.ts';
import { openRegistrySession } from '../inspect/pull.ts';
import { RegistryClient } from './client.ts';
import type { Credentials } from './http-types.ts';
import { pushImageIndex } from './push.ts';
import { parsePushTarget } from './reference.ts';

const ALICE = { username: 'alice', password: 'wonderland-7' };
const READER = { username: 'reader', password: 'only-reads-3' };
const nodeFetch = (url: string, init: RequestInit) => fetch(url, init);
const clientFor = (host: string, credentials?: Credentials) => new RegistryClient(parsePushTarget(`${host}/x`), { fetch: nodeFetch, credentials });
const quick = { backoff: () => 10 };

describe.skipIf(!['docker-registry', 'nginx', 'openssl'].every(requireTool))('registry authentication', () => {
  let tokens: TokenService;
  let bearer: RunningRegistry;
  let plain: RunningRegistry;
  let nginx: RunningNginx;
  let image: ImageIndex;
  beforeAll(async () => {
    tokens = await startTokenService({
      alice: { password: ALICE.password, actions: () => ['pull', 'push'] },
      reader: { password: READER.password, actions: () => ['pull'] },
    }, 'http://127.0.0.1:1');
    bearer = await startRegistry({ token: tokens });
    plain = await startRegistry();
    nginx = await startNginx([{ upstream: plain.host, corsOrigin: 'http://127.0.0.1:1', basicAuth: { [ALICE.username]: ALICE.password } }]);
    image = await buildImage(smallSpec());
  });
  afterAll(async () => {
    await nginx?.stop();
    await bearer?.stop();
    await plain?.stop();
    await tokens?.stop();
  });

  it('Bearer: one token from the realm serves the whole push and is reused by the next', async () => {
    const client = clientFor(bearer.host, ALICE);
    const before = tokens.requests.length;
    const result = await pushImageIndex(client, { repository: 'team/app', tag: '1' }, image, quick);
    expect(tokens.requests.slice(before)).toEqual([{ user: 'alice', scopes: ['repository:team/app:pull,push'] }]);
    await pushImageIndex(client, { repository: 'team/app', tag: '1' }, image, quick);
    expect(tokens.requests.length).toBe(before + 1);
    const session = await openRegistrySession(`${bearer.host}/team/app:1`, { fetch: nodeFetch, sinks: memorySinkFactory, credentials: READER });
    expect(session.view.selected).toBe(result.digest);
    expect((await session.verify({})).layers.map((l) => l.status)).toEqual(['verified', 'verified']);
  });

  it('Bearer: a wrong password, a missing push right and no credentials each say so', async () => {
    const wrong = pushImageIndex(clientFor(bearer.host, { ...ALICE, password: 'not-it' }), { repository: 'team/app', tag: '2' }, image, quick);
    await expect(wrong).rejects.toThrow(/token service http:\/\/127\.0\.0\.1:\d+ refused the username and password/);
    await expect(wrong).rejects.not.toThrow(/not-it/);
    const reader = pushImageIndex(clientFor(bearer.host, READER), { repository: 'team/app', tag: '2' }, image, quick);
    await expect(reader).rejects.toThrow(/did not grant repository:team\/app:pull,push to the account "reader" \(insufficient_scope\)/);
    await expect(reader).rejects.not.toThrow(READER.password);
    const anonymous = openRegistrySession(`${bearer.host}/team/app:1`, { fetch: nodeFetch, sinks: memorySinkFactory });
    await expect(anonymous).rejects.toThrow(/needs a username and password/);
  });

  it('Basic behind nginx: right credentials push and pull; wrong and missing ones say so', async () => {
    const [host] = nginx.hosts;
    const result = await pushImageIndex(clientFor(host, ALICE), { repository: 'team/basic', tag: '1' }, image, quick);
    const session = await openRegistrySession(`${host}/team/basic:1`, { fetch: nodeFetch, sinks: memorySinkFactory, credentials: ALICE });
    expect(session.view.selected).toBe(result.digest);
    expect((await session.verify({})).layers.map((l) => l.status)).toEqual(['verified', 'verified']);
    const wrong = openRegistrySession(`${host}/team/basic:1`, { fetch: nodeFetch, sinks: memorySinkFactory, credentials: { ...ALICE, password: 'nope-nope' } });
    await expect(wrong).rejects.toThrow(/refused the username and password \(HTTP 401\)/);
    await expect(wrong).rejects.not.toThrow(/nope-nope/);
    await expect(openRegistrySession(`${host}/team/basic:1`, { fetch: nodeFetch, sinks: memorySinkFactory })).rejects.toThrow(/needs a username and password \(Basic authentication\)/);
  });
});
