import { describe, expect, it } from 'vitest';
import { formatReference, parsePushTarget, parseRegistryReference, registryOrigin } from './reference.ts';

const DIGEST = `sha256:${'a'.repeat(64)}`;

describe('parseRegistryReference', () => {
  it('reads host, port, repository, tag and digest', () => {
    expect(parseRegistryReference('localhost:5000/x')).toEqual({ scheme: 'http', registry: 'localhost:5000', apiHost: 'localhost:5000', repository: 'x', reference: 'latest' });
    const full = parseRegistryReference(` 127.0.0.1:5000/team/app:1.0@${DIGEST} `);
    expect(full).toMatchObject({ scheme: 'http', registry: '127.0.0.1:5000', repository: 'team/app', tag: '1.0', digest: DIGEST, reference: DIGEST });
    expect(parseRegistryReference('ghcr.io/owner/app:v2')).toMatchObject({ scheme: 'https', repository: 'owner/app', reference: 'v2' });
    expect(parseRegistryReference(`[::1]:5000/a@${DIGEST}`)).toMatchObject({ scheme: 'http', registry: '[::1]:5000', reference: DIGEST });
  });

  it('takes an explicit scheme, and names Docker Hub by its API host', () => {
    expect(registryOrigin(parseRegistryReference('http://registry.lan:5000/app'))).toBe('http://registry.lan:5000');
    expect(formatReference(parseRegistryReference('http://registry.lan:5000/app:1'))).toBe('http://registry.lan:5000/app:1');
    expect(formatReference(parseRegistryReference('localhost:5000/app:1'))).toBe('localhost:5000/app:1');
    expect(registryOrigin(parseRegistryReference('docker.io/library/alpine'))).toBe('https://registry-1.docker.io');
  });

  it('explains short names instead of guessing Docker Hub', () => {
    expect(() => parseRegistryReference('alpine')).toThrow(/docker\.io\/library\/alpine:latest on Docker Hub.*localhost:5000\/alpine/);
    expect(() => parseRegistryReference('team/app:2')).toThrow(/docker\.io\/team\/app:2/);
  });

  it('refuses credentials, bad digests, tags, hosts and path components with the reason', () => {
    expect(() => parseRegistryReference('bob:hunter2@localhost:5000/x')).toThrow(/must not carry a username or password/);
    expect(() => parseRegistryReference('bob:hunter2@localhost:5000/x')).not.toThrow(/hunter2/);
    expect(() => parseRegistryReference('localhost:5000/x@sha256:abc')).toThrow(/not a sha256 digest/);
    expect(() => parseRegistryReference('localhost:5000/x:-bad')).toThrow(/Tag "-bad" is invalid/);
    expect(() => parseRegistryReference('localhost:99999/x')).toThrow(/not a valid registry host/);
    expect(() => parseRegistryReference('localhost:5000/Team/x')).toThrow(/lowercase: "Team"/);
    expect(() => parseRegistryReference('localhost:5000/')).toThrow(/repository after localhost:5000\/ is empty/);
    expect(() => parseRegistryReference('ftp://host/x')).toThrow(/only http:\/\/ and https:\/\//);
    expect(() => parseRegistryReference(`localhost:5000/${'a'.repeat(600)}`)).toThrow(/at most 512 characters/);
  });

  it('push targets are tags, latest by default', () => {
    expect(parsePushTarget('localhost:5000/x')).toMatchObject({ tag: 'latest', reference: 'latest' });
    expect(() => parsePushTarget(`localhost:5000/x@${DIGEST}`)).toThrow(/not a digest/);
  });
});
