// References to images in a registry, as a person types them: `host[:port]/repo[:tag][@sha256:…]`.
// The grammar is distribution/reference's. Unlike docker, a name without a registry host is not
// silently read as Docker Hub: the error explains what docker would make of it and asks for the
// host. The scheme is https, except for loopback hosts (http, as docker allows them insecure) or an
// explicit `http://` / `https://` prefix. Credentials never belong in a reference.

import { isSha256Digest, type Digest } from '../digest.ts';

export class RegistryReferenceError extends Error {
  override name = 'RegistryReferenceError';
}

export interface RegistryReference {
  scheme: 'http' | 'https';
  /** `host[:port]` as the person named it (lowercased), e.g. `127.0.0.1:5000`. */
  registry: string;
  /** Where the API answers: the registry, except Docker Hub's `docker.io`, served by `registry-1.docker.io`. */
  apiHost: string;
  /** Repository path inside the registry, e.g. `team/app`. */
  repository: string;
  tag?: string;
  digest?: Digest;
  /** What the manifests endpoint is asked for: the digest when given, else the tag (`latest` by default). */
  reference: string;
}

const DOMAIN_COMPONENT = /^(?:[a-z0-9]|[a-z0-9][a-z0-9-]*[a-z0-9])$/;
const PATH_COMPONENT = /^[a-z0-9]+(?:(?:[._]|__|-+)[a-z0-9]+)*$/;
const TAG = /^[\w][\w.-]{0,127}$/;
const MAX_REFERENCE_LENGTH = 512;
const MAX_REPOSITORY_LENGTH = 255;

export function parseRegistryReference(input: string): RegistryReference {
  let text = input.trim();
  if (text === '') throw new RegistryReferenceError('Type an image reference such as localhost:5000/team/app:1.0');
  if (text.length > MAX_REFERENCE_LENGTH) throw new RegistryReferenceError(`An image reference is at most ${MAX_REFERENCE_LENGTH} characters; this one has ${text.length}`);
  let scheme: 'http' | 'https' | undefined;
  const explicit = /^(https?):\/\//i.exec(text);
  if (explicit) {
    scheme = explicit[1].toLowerCase() as 'http' | 'https';
    text = text.slice(explicit[0].length);
  } else if (/^[a-z][a-z0-9+.-]*:\/\//i.test(text)) {
    throw new RegistryReferenceError(`"${shown(text)}": only http:// and https:// registries can be reached from a browser`);
  }
  const slash = text.indexOf('/');
  const host = slash === -1 ? text : text.slice(0, slash);
  if (host.includes('@')) {
    throw new RegistryReferenceError('A reference must not carry a username or password (user:pass@host). Type them into Username and Password or token instead; they are sent only to the registry.');
  }

  let rest = text;
  let digest: Digest | undefined;
  const at = rest.indexOf('@');
  if (at !== -1) {
    const value = rest.slice(at + 1);
    if (!isSha256Digest(value)) throw new RegistryReferenceError(`"${shown(value)}" after @ is not a sha256 digest (sha256: followed by 64 lowercase hex digits)`);
    digest = value;
    rest = rest.slice(0, at);
  }
  let tag: string | undefined;
  const colon = rest.lastIndexOf(':');
  if (colon > rest.lastIndexOf('/')) {
    tag = rest.slice(colon + 1);
    rest = rest.slice(0, colon);
    if (!TAG.test(tag)) throw new RegistryReferenceError(`Tag "${shown(tag)}" is invalid: letters, digits, "_", "." and "-", at most 128, not starting with "." or "-"`);
  }

  const firstSlash = rest.indexOf('/');
  const first = firstSlash === -1 ? '' : rest.slice(0, firstSlash);
  const hasHost = firstSlash !== -1 && (first.includes('.') || first.includes(':') || first === 'localhost');
  if (!hasHost) {
    const hub = rest.includes('/') ? rest : `library/${rest}`;
    throw new RegistryReferenceError(
      `"${shown(input.trim())}" names no registry. Docker would read it as docker.io/${hub}:${tag ?? 'latest'} on Docker Hub, ` +
        'which does not allow browsers to read it (no CORS headers). Start the reference with the registry host, e.g. localhost:5000/' + (rest.split('/').pop() ?? 'app'),
    );
  }
  const registry = first.toLowerCase();
  checkHost(registry);
  const repository = rest.slice(firstSlash + 1);
  if (repository === '') throw new RegistryReferenceError(`"${shown(input.trim())}": the repository after ${registry}/ is empty`);
  if (repository.length > MAX_REPOSITORY_LENGTH) throw new RegistryReferenceError(`The repository name is longer than ${MAX_REPOSITORY_LENGTH} characters`);
  for (const component of repository.split('/')) {
    if (PATH_COMPONENT.test(component)) continue;
    const lower = component.toLowerCase() !== component && PATH_COMPONENT.test(component.toLowerCase());
    throw new RegistryReferenceError(lower
      ? `Repository names are lowercase: "${shown(component)}"`
      : `"${shown(component)}" is not a valid repository path component (lowercase letters and digits, separated by ".", "_", "__" or "-")`);
  }
  return {
    scheme: scheme ?? (isLoopback(registry) ? 'http' : 'https'),
    registry,
    apiHost: registry === 'docker.io' || registry === 'index.docker.io' ? 'registry-1.docker.io' : registry,
    repository,
    ...(tag !== undefined ? { tag } : {}),
    ...(digest ? { digest } : {}),
    reference: digest ?? tag ?? 'latest',
  };
}

/** A push target: a tag (default `latest`), never a digest (the registry names the pushed manifest). */
export function parsePushTarget(input: string): RegistryReference & { tag: string } {
  const ref = parseRegistryReference(input);
  if (ref.digest) throw new RegistryReferenceError('Push to a tag (host/repo:tag), not a digest: the digest is what the push produces');
  const tag = ref.tag ?? 'latest';
  return { ...ref, tag, reference: tag };
}

/** The reference as text again: `host/repo:tag@digest`, with the scheme only when it is not the default. */
export function formatReference(ref: RegistryReference): string {
  const prefix = ref.scheme !== (isLoopback(ref.registry) ? 'http' : 'https') ? `${ref.scheme}://` : '';
  return `${prefix}${ref.registry}/${ref.repository}${ref.tag !== undefined ? `:${ref.tag}` : ''}${ref.digest ? `@${ref.digest}` : ''}`;
}

/** `https://host:port`: where every request of this reference goes. */
export function registryOrigin(ref: RegistryReference): string {
  return `${ref.scheme}://${ref.apiHost}`;
}

/** A repository path as the grammar allows it (what may go into a URL we build). */
export function isRepositoryName(name: string): boolean {
  return name.length > 0 && name.length <= MAX_REPOSITORY_LENGTH && name.split('/').every((c) => PATH_COMPONENT.test(c));
}

/** localhost, 127.0.0.0/8 and [::1]: hosts that docker (and browsers) treat as local. */
export function isLoopback(registry: string): boolean {
  const host = registry.startsWith('[') ? registry.slice(0, registry.indexOf(']') + 1) : registry.split(':')[0];
  return host === 'localhost' || host === '[::1]' || /^127(?:\.\d{1,3}){3}$/.test(host);
}

function checkHost(registry: string): void {
  const ipv6 = /^(\[[0-9a-f:]+\])(?::(\d+))?$/.exec(registry);
  const [host, port] = ipv6 ? [ipv6[1], ipv6[2]] : registry.split(':');
  const portOk = port === undefined || (/^\d{1,5}$/.test(port) && Number(port) > 0 && Number(port) < 65536);
  const hostOk = ipv6 !== null || host.split('.').every((part) => DOMAIN_COMPONENT.test(part));
  if (!hostOk || !portOk || (!ipv6 && registry.split(':').length > 2)) throw new RegistryReferenceError(`"${shown(registry)}" is not a valid registry host[:port]`);
}

function shown(text: string): string {
  return text.length > 80 ? `${text.slice(0, 80)}…` : text;
}
