// The registry client against hostile or unusual answers, with a fake fetch: challenges, token
// responses, error bodies, Range and Link headers, oversized documents and blobs that lie about
// their size. Real registries are in the *.oracle.test.ts files.

import { describe, expect, it } from 'vitest';
import { digestFromHex, type Digest } from '../digest.ts';
import { sha256OfBytes } from '../hash/sha256.ts';
import { MAX_DOCUMENT_BYTES } from '../oci/parse-json.ts';
import { memorySinkFactory } from '../store/memory.ts';
import { downloadBlob } from './blob-download.ts';
import { parseChallenge } from './challenge.ts';
import { mergeScopes, RegistryClient } from './client.ts';
import { errorFromResponse, retryAfterSeconds } from './errors.ts';
import { fetchManifest } from './manifests.ts';
import { parseRegistryReference } from './reference.ts';
import { listReferrers, nextLink } from './referrers.ts';
import { rangeEnd } from './upload.ts';

type Handler = (url: URL, init: RequestInit) => Response | Promise<Response>;
const json = (value: unknown, init: ResponseInit = {}) => new Response(JSON.stringify(value), { ...init, headers: { 'Content-Type': 'application/json', ...(init.headers ?? {}) } });

function fake(handler: Handler) {
  const seen: { url: string; authorization?: string }[] = [];
  const fetch = async (url: string, init: RequestInit) => {
    seen.push({ url, authorization: (init.headers as Record<string, string> | undefined)?.Authorization });
    return handler(new URL(url), init);
  };
  return { fetch, seen };
}
const client = (fetch: (url: string, init: RequestInit) => Promise<Response>, credentials?: { username: string; password: string }) =>
  new RegistryClient(parseRegistryReference('registry.test:5000/team/app'), { fetch, credentials });
const D = digestFromHex('a'.repeat(64));

describe('WWW-Authenticate', () => {
  it('reads Bearer and Basic challenges, Bearer first', () => {
    expect(parseChallenge('Bearer realm="https://auth.example/token",service="registry.example",scope="repository:a/b:pull"'))
      .toEqual({ scheme: 'bearer', realm: 'https://auth.example/token', service: 'registry.example', scope: 'repository:a/b:pull' });
    expect(parseChallenge('Basic realm="Registry Realm"')).toEqual({ scheme: 'basic', realm: 'Registry Realm' });
    expect(parseChallenge('Basic realm="x", Bearer realm="https://a/t",error="insufficient_scope"')).toMatchObject({ scheme: 'bearer', error: 'insufficient_scope' });
    expect(parseChallenge('Bearer realm="https://a/t\\"x"')).toMatchObject({ realm: 'https://a/t%22x' });
  });
  it('refuses realms that are not http(s), carry credentials, and oversized headers', () => {
    expect(() => parseChallenge('Bearer realm="javascript:alert(1)"')).toThrow(/uses javascript:/);
    expect(() => parseChallenge('Bearer realm="https://u:p@a/t"')).toThrow(/carries credentials/);
    expect(() => parseChallenge(`Bearer realm="${'a'.repeat(9000)}"`)).toThrow(/characters long/);
    expect(() => parseChallenge('Negotiate abc')).toThrow(/only Basic and Bearer/);
    expect(() => parseChallenge(`Bearer ${Array.from({ length: 40 }, (_, i) => `k${i}=v`).join(',')}`)).toThrow(/more than 32 parameters/);
  });
  it('merges scopes per resource', () => {
    expect(mergeScopes(['repository:a:pull'], ['repository:a:push', 'repository:b:pull'])).toEqual(['repository:a:pull,push', 'repository:b:pull']);
  });
});

describe('authentication flow', () => {
  it('answers a Bearer challenge once, then reuses the token; credentials go to the realm, never in a URL', async () => {
    let tokens = 0;
    const { fetch, seen } = fake((url, init) => {
      const auth = (init.headers as Record<string, string>).Authorization;
      if (url.host === 'auth.test') {
        tokens++;
        expect(auth).toBe(`Basic ${btoa('bob:s3cret')}`);
        return json({ token: 'tok-1', expires_in: 300 });
      }
      if (auth !== 'Bearer tok-1') return new Response(null, { status: 401, headers: { 'WWW-Authenticate': 'Bearer realm="https://auth.test/token",service="reg"' } });
      return new Response('{}', { status: 200 });
    });
    const c = client(fetch, { username: 'bob', password: 's3cret' });
    for (let i = 0; i < 3; i++) expect((await c.send({ method: 'GET', url: '/v2/', scopes: ['repository:team/app:pull'], what: 'x' })).status).toBe(200);
    expect(tokens).toBe(1);
    expect(seen.every((s) => !s.url.includes('s3cret') && !s.url.includes('bob'))).toBe(true);
    expect(seen.find((s) => s.url.startsWith('https://auth.test'))?.url).toBe('https://auth.test/token?service=reg&scope=repository%3Ateam%2Fapp%3Apull');
  });

  it('sends no Authorization to another origin (an upload Location elsewhere)', async () => {
    const { fetch, seen } = fake((url) => (url.host === 'registry.test:5000' ? new Response(null, { status: 401, headers: { 'WWW-Authenticate': 'Basic realm="r"' } }) : new Response(null, { status: 202 })));
    const c = client(fetch, { username: 'bob', password: 'pw' });
    await c.send({ method: 'GET', url: '/v2/', scopes: [], what: 'x' }).catch(() => {});
    await c.send({ method: 'PATCH', url: 'https://storage.test/upload/1', scopes: [], what: 'x' });
    expect(seen.at(-1)).toEqual({ url: 'https://storage.test/upload/1', authorization: undefined });
  });

  it('a 401 without a readable WWW-Authenticate names the CORS header to expose', async () => {
    const { fetch } = fake(() => new Response(null, { status: 401 }));
    await expect(client(fetch).send({ method: 'GET', url: '/v2/', scopes: [], what: 'Reading' })).rejects.toThrow(/Access-Control-Expose-Headers/);
  });

  it('refuses token answers that are not tokens', async () => {
    for (const body of [{ token: 'has space' }, { token: 'x'.repeat(20_000) }, { nothing: 1 }, 'not json']) {
      const { fetch } = fake((url) => (url.host === 'auth.test'
        ? new Response(typeof body === 'string' ? body : JSON.stringify(body))
        : new Response(null, { status: 401, headers: { 'WWW-Authenticate': 'Bearer realm="https://auth.test/t"' } })));
      await expect(client(fetch).send({ method: 'GET', url: '/v2/', scopes: [], what: 'Reading' })).rejects.toThrow(/no usable "token"|not a token/);
    }
  });
});

describe('errors', () => {
  it('turns error codes into words, Retry-After into seconds, and keeps the registry text short and clean', async () => {
    const denied = await errorFromResponse(json({ errors: [{ code: 'DENIED', message: 'no\u202e way' }] }, { status: 403 }), 'Pushing');
    expect(denied.message).toMatch(/^Pushing: the registry denied access: .* \(HTTP 403, DENIED\)\. The registry says: /);
    expect(denied.message).toContain('"no  way"');
    const limited = await errorFromResponse(new Response(null, { status: 429, headers: { 'Retry-After': '30' } }), 'Pulling');
    expect(limited.kind).toBe('rate-limited');
    expect(limited.message).toContain('try again in 30 s');
    expect(retryAfterSeconds('Wed, 21 Oct 2015 07:28:30 GMT', Date.parse('Wed, 21 Oct 2015 07:28:00 GMT'))).toBe(30);
    expect(retryAfterSeconds('99999999999')).toBe(null);
    const html = await errorFromResponse(new Response('<html>bad gateway</html>', { status: 502 }), 'Pulling');
    expect(html.message).toBe('Pulling: the registry failed; try again later (HTTP 502).');
  });
});

describe('documents and blobs that lie', () => {
  it('a manifest over the document limit is refused before it is read', async () => {
    const { fetch } = fake(() => new Response('x', { headers: { 'Content-Length': String(MAX_DOCUMENT_BYTES + 1) } }));
    await expect(fetchManifest(client(fetch), 'team/app', 'latest')).rejects.toThrow(/announces \d+ bytes, more than the 4194304-byte limit/);
    const endless = new ReadableStream({ pull: (c) => c.enqueue(new Uint8Array(1024 * 1024)) });
    const { fetch: streaming } = fake(() => new Response(endless));
    await expect(fetchManifest(client(streaming), 'team/app', 'latest')).rejects.toThrow(/sent more than the 4194304-byte limit/);
  });

  it('a manifest asked for by digest must hash to it; a Docker-Content-Digest that disagrees is reported', async () => {
    const bytes = new TextEncoder().encode('{"schemaVersion":2}');
    const { fetch } = fake(() => new Response(bytes, { headers: { 'Docker-Content-Digest': D } }));
    await expect(fetchManifest(client(fetch), 'team/app', D)).rejects.toThrow(/hashes to sha256:[0-9a-f]{64}, not the sha256:a{64} asked for/);
    expect((await fetchManifest(client(fetch), 'team/app', 'latest')).digestDisagreement).toContain(await sha256OfBytes(bytes));
  });

  it('a blob download stops at the descriptor size and refuses a short body or a wrong Content-Length', async () => {
    const body = (n: number) => new Response(new Uint8Array(n), { headers: { 'Content-Length': String(n) } });
    await expect(downloadBlob(client(fake(() => body(11)).fetch), 'team/app', D, { size: 10, sinks: memorySinkFactory })).rejects.toThrow(/announces 11 bytes, but the descriptor says 10/);
    const noLength = () => new Response(new ReadableStream({ start: (c) => (c.enqueue(new Uint8Array(11)), c.close()) }));
    await expect(downloadBlob(client(fake(noLength).fetch), 'team/app', D, { size: 10, sinks: memorySinkFactory })).rejects.toThrow(/more than the 10 bytes the descriptor gives/);
    await expect(downloadBlob(client(fake(() => body(9)).fetch), 'team/app', D, { size: 10, sinks: memorySinkFactory })).rejects.toThrow(/announces 9 bytes/);
    const short = () => new Response(new ReadableStream({ start: (c) => (c.enqueue(new Uint8Array(9)), c.close()) }));
    await expect(downloadBlob(client(fake(short).fetch), 'team/app', D, { size: 10, sinks: memorySinkFactory })).rejects.toThrow(/sent 9 of the 10 bytes/);
    expect((await downloadBlob(client(fake(() => body(10)).fetch), 'team/app', D, { size: 10, sinks: memorySinkFactory })).size).toBe(10);
  });
});

describe('a download that breaks off', () => {
  const bytes = Uint8Array.from({ length: 10 }, (_, i) => i);
  /** A body that sends `upTo` bytes from `from`, then fails as a dropped connection does. */
  const breaking = (from: number, upTo: number) => {
    let sent = false;
    return new ReadableStream({
      pull(c) {
        if (sent) c.error(new TypeError('terminated'));
        else c.enqueue(bytes.slice(from, upTo));
        sent = true;
      },
    });
  };

  it('resumes from the byte it stopped at, with Range, and a registry that ignores Range is read past what is stored', async () => {
    for (const honoursRange of [true, false]) {
      const ranges: (string | undefined)[] = [];
      const { fetch } = fake((_, init) => {
        const range = (init.headers as Record<string, string> | undefined)?.Range;
        ranges.push(range);
        if (!range) return new Response(breaking(0, 4));
        if (!honoursRange) return new Response(bytes);
        return new Response(bytes.slice(4), { status: 206, headers: { 'Content-Range': 'bytes 4-9/10' } });
      });
      const blob = await downloadBlob(client(fetch), 'team/app', D, { size: 10, sinks: memorySinkFactory });
      expect(new Uint8Array(await blob.arrayBuffer())).toEqual(bytes);
      expect(ranges).toEqual([undefined, 'bytes=4-']);
    }
  });

  it('reads where a 206 says it starts: an earlier start is skipped to the byte asked for, a later one refused', async () => {
    let refusedBodies = 0;
    const body = (start: number) => new ReadableStream({ start: (c) => (c.enqueue(bytes.slice(start)), c.close()), cancel: () => void refusedBodies++ });
    const resumedAt = (start: number, headers: Record<string, string>) =>
      fake((_, init) => ((init.headers as Record<string, string> | undefined)?.Range ? new Response(body(start), { status: 206, headers }) : new Response(breaking(0, 4)))).fetch;
    const early = await downloadBlob(client(resumedAt(2, { 'Content-Range': 'bytes 2-9/10' })), 'team/app', D, { size: 10, sinks: memorySinkFactory });
    expect(new Uint8Array(await early.arrayBuffer())).toEqual(bytes);
    await expect(downloadBlob(client(resumedAt(6, { 'Content-Range': 'bytes 6-9/*' })), 'team/app', D, { size: 10, sinks: memorySinkFactory }))
      .rejects.toThrow(/asked to resume at byte 4, the registry answered from byte 6; not pulled/);
    await expect(downloadBlob(client(resumedAt(4, { 'Content-Range': 'items 4-9' })), 'team/app', D, { size: 10, sinks: memorySinkFactory }))
      .rejects.toThrow(/Content-Range "items 4-9" is not "bytes <first>-<last>\/<size>"; not pulled/);
    expect(refusedBodies).toBe(2);
  });

  it('asks for nothing more when every byte came before the connection broke', async () => {
    const { fetch, seen } = fake(() => new Response(breaking(0, 10)));
    const blob = await downloadBlob(client(fetch), 'team/app', D, { size: 10, sinks: memorySinkFactory });
    expect(new Uint8Array(await blob.arrayBuffer())).toEqual(bytes);
    expect(seen).toHaveLength(1);
  });

  it('tries a resume request that got no answer again', async () => {
    let calls = 0;
    const { fetch } = fake(() => {
      calls++;
      if (calls === 1) return new Response(breaking(0, 4));
      if (calls === 2) throw new TypeError('fetch failed');
      return new Response(bytes.slice(4), { status: 206 });
    });
    const blob = await downloadBlob(client(fetch), 'team/app', D, { size: 10, sinks: memorySinkFactory });
    expect(new Uint8Array(await blob.arrayBuffer())).toEqual(bytes);
    expect(calls).toBe(3);
  });

  it('gives up after three resumes, saying how far it got', async () => {
    let from = 0;
    const { fetch, seen } = fake(() => new Response(breaking(from, ++from), from > 1 ? { status: 206 } : {}));
    await expect(downloadBlob(client(fetch), 'team/app', D, { size: 10, sinks: memorySinkFactory })).rejects.toThrow(/broke off after 4 bytes \(terminated\) and 3 resumes/);
    expect(seen).toHaveLength(4);
  });
});

describe('headers', () => {
  it('Range: inclusive ends within the blob only', () => {
    const r = (range: string) => rangeEnd(new Response(null, { headers: { Range: range } }), 100);
    expect(r('0-49')).toBe(50);
    expect(r('bytes=0-99')).toBe(100);
    expect(r('0-100')).toBe(null);
    expect(r('0-0')).toBe(0);
    expect(r('5-9')).toBe(null);
    expect(r(`0-${'9'.repeat(30)}`)).toBe(null);
  });
  it('Link: the next page within the registry only', () => {
    const problems: { message: string }[] = [];
    expect(nextLink('</v2/a/referrers/x?n=1&last=b>; rel="next"', 'https://r.test/v2/a/referrers/x', 'https://r.test', [])).toBe('https://r.test/v2/a/referrers/x?n=1&last=b');
    expect(nextLink('<https://evil.test/x>; rel="next"', 'https://r.test/', 'https://r.test', problems as never)).toBe(null);
    expect(problems[0].message).toMatch(/outside the registry/);
    expect(nextLink('</x>; rel="prev"', 'https://r.test/', 'https://r.test', [])).toBe(null);
  });
});

describe('referrers', () => {
  const referrer = (n: number, artifactType: string) => ({ mediaType: 'application/vnd.oci.image.manifest.v1+json', digest: digestFromHex(String(n).repeat(64).slice(0, 64)), size: 10 + n, artifactType });
  const index = (manifests: unknown[]) => json({ schemaVersion: 2, mediaType: 'application/vnd.oci.image.index.v1+json', manifests }, { headers: { 'Content-Type': 'application/vnd.oci.image.index.v1+json' } });

  it('follows Link pages of the referrers API and filters by artifactType when the registry did not', async () => {
    const { fetch, seen } = fake((url) => (url.searchParams.get('last')
      ? index([referrer(2, 'application/spdx+json')])
      : new Response(JSON.stringify({ schemaVersion: 2, manifests: [referrer(1, 'application/vnd.dev.cosign.simplesigning.v1+json'), referrer(3, 'application/spdx+json')] }), { headers: { Link: `</v2/team/app/referrers/${D}?last=1>; rel="next"` } })));
    const all = await listReferrers(client(fetch), 'team/app', D);
    expect(all.via).toBe('api');
    expect(all.referrers.map((r) => r.artifactType)).toEqual(['application/vnd.dev.cosign.simplesigning.v1+json', 'application/spdx+json', 'application/spdx+json']);
    const sboms = await listReferrers(client(fetch), 'team/app', D, { artifactType: 'application/spdx+json' });
    expect(sboms.referrers.map((r) => r.size)).toEqual([13, 12]);
    expect(seen.some((s) => s.url.includes('artifactType=application%2Fspdx%2Bjson'))).toBe(true);
  });

  it('falls back to the sha256-<hex> tag when the API answers 404, and says none when neither exists', async () => {
    const tagged = fake((url) => (url.pathname.includes('/referrers/') ? new Response(null, { status: 404 })
      : url.pathname.endsWith(`sha256-${'a'.repeat(64)}`) ? index([referrer(4, 'application/vnd.in-toto+json')]) : new Response(null, { status: 404 })));
    expect(await listReferrers(client(tagged.fetch), 'team/app', D)).toMatchObject({ via: 'tag', referrers: [{ artifactType: 'application/vnd.in-toto+json' }] });
    const corsLess404 = fake((url) => {
      if (url.pathname.includes('/referrers/')) throw new TypeError('Failed to fetch');
      return index([referrer(5, 'application/vnd.in-toto+json')]);
    });
    expect(await listReferrers(client(corsLess404.fetch), 'team/app', D)).toMatchObject({ via: 'tag', referrers: [{ size: 15 }] });
    const none = fake(() => json({ errors: [{ code: 'MANIFEST_UNKNOWN' }] }, { status: 404 }));
    expect(await listReferrers(client(none.fetch), 'team/app', D as Digest)).toMatchObject({ via: 'none', referrers: [] });
  });
});
