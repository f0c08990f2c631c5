// Image names as Docker parses them (distribution/reference grammar): `app`, `app:1.0`,
// `example.com:5000/team/app:1.0`. Names are normalised the way docker and containerd do
// (`app` -> `docker.io/library/app:latest`), and every invalid name gets a reason.

export class ImageReferenceError extends Error {
  override name = 'ImageReferenceError';
}

export interface ImageReference {
  /** Normalised repository, e.g. `docker.io/library/app`. */
  repository: string;
  /** Tag, `latest` when none was given. */
  tag: string;
  /** `repository:tag`, e.g. `docker.io/library/app:latest` (containerd's image name). */
  full: string;
  /** The short form docker shows and writes into RepoTags, e.g. `app:latest`. */
  familiar: string;
}

const DEFAULT_DOMAIN = 'docker.io';
const DEFAULT_TAG = 'latest';
const MAX_NAME_LENGTH = 255;

const DOMAIN_COMPONENT = /^(?:[a-zA-Z0-9]|[a-zA-Z0-9][a-zA-Z0-9-]*[a-zA-Z0-9])$/;
const PORT = /^[0-9]+$/;
const IPV6 = /^\[[a-fA-F0-9:]+\]$/;
const PATH_COMPONENT = /^[a-z0-9]+(?:(?:[._]|__|-+)[a-z0-9]+)*$/;
const TAG = /^[\w][\w.-]{0,127}$/;

export function parseImageReference(input: string): ImageReference {
  const text = input.trim();
  if (text === '') throw new ImageReferenceError('image name is empty');
  if (text.includes('@')) {
    throw new ImageReferenceError(`image name "${text}": a digest (@sha256:…) cannot name an image being built; use a tag`);
  }

  const lastSlash = text.lastIndexOf('/');
  const lastColon = text.lastIndexOf(':');
  const hasTag = lastColon > lastSlash;
  const name = hasTag ? text.slice(0, lastColon) : text;
  const tag = hasTag ? text.slice(lastColon + 1) : DEFAULT_TAG;
  if (!TAG.test(tag)) {
    throw new ImageReferenceError(
      `image name "${text}": tag "${tag}" is invalid (letters, digits, "_", "." and "-", up to 128, not starting with "." or "-")`,
    );
  }

  const [domain, path] = splitDomain(name, text);
  const components = path.split('/');
  for (const component of components) {
    if (PATH_COMPONENT.test(component)) continue;
    if (component.toLowerCase() !== component && PATH_COMPONENT.test(component.toLowerCase())) {
      throw new ImageReferenceError(`image name "${text}": repository name must be lowercase ("${component}")`);
    }
    throw new ImageReferenceError(
      `image name "${text}": "${component}" is not a valid path component (lowercase letters and digits, ` +
        `separated by ".", "_", "__" or "-")`,
    );
  }
  const repository = `${domain}/${domain === DEFAULT_DOMAIN && components.length === 1 ? `library/${path}` : path}`;
  if (repository.length > MAX_NAME_LENGTH) {
    throw new ImageReferenceError(`image name "${text}": repository name is longer than ${MAX_NAME_LENGTH} characters`);
  }
  return { repository, tag, full: `${repository}:${tag}`, familiar: `${familiarName(repository)}:${tag}` };
}

/** Splits off the registry host the way docker does: the first component is a domain when it
 *  contains "." or ":" or is "localhost" (or has uppercase letters, which a path cannot). */
function splitDomain(name: string, text: string): [string, string] {
  const slash = name.indexOf('/');
  const first = slash === -1 ? '' : name.slice(0, slash);
  const isDomain =
    slash !== -1 && (first.includes('.') || first.includes(':') || first === 'localhost' || first.toLowerCase() !== first);
  if (!isDomain) return [DEFAULT_DOMAIN, name];
  if (!validDomain(first)) throw new ImageReferenceError(`image name "${text}": "${first}" is not a valid registry host`);
  const path = name.slice(slash + 1);
  if (path === '') throw new ImageReferenceError(`image name "${text}": repository path is empty`);
  return [first === 'index.docker.io' ? DEFAULT_DOMAIN : first, path];
}

function validDomain(domain: string): boolean {
  const colon = domain.startsWith('[') ? domain.indexOf(':', domain.indexOf(']')) : domain.lastIndexOf(':');
  const host = colon === -1 ? domain : domain.slice(0, colon);
  const port = colon === -1 ? null : domain.slice(colon + 1);
  if (port !== null && !PORT.test(port)) return false;
  if (IPV6.test(host)) return true;
  return host.split('.').every((part) => DOMAIN_COMPONENT.test(part));
}

function familiarName(repository: string): string {
  if (repository.startsWith(`${DEFAULT_DOMAIN}/library/`) && repository.split('/').length === 3) {
    return repository.slice(`${DEFAULT_DOMAIN}/library/`.length);
  }
  if (repository.startsWith(`${DEFAULT_DOMAIN}/`)) return repository.slice(DEFAULT_DOMAIN.length + 1);
  return repository;
}
