// Parsing `WWW-Authenticate` (RFC 7235): one or more challenges, each a scheme and comma-separated
// `key=value` or `key="quoted value"` parameters. Registries send `Basic realm="…"` or `Bearer
// realm="…",service="…",scope="…"` (plus `error="insufficient_scope"` when a token lacks a right).
// The header is untrusted: its length and parameter count are bounded, and a Bearer realm must be
// an http(s) URL without credentials in it.

export type Challenge =
  | { scheme: 'basic'; realm?: string }
  | { scheme: 'bearer'; realm: string; service?: string; scope?: string; error?: string };

const MAX_HEADER_LENGTH = 8 * 1024;
const MAX_PARAMS = 32;

export class ChallengeError extends Error {
  override name = 'ChallengeError';
}

/** The challenge Layerpad can answer (Bearer preferred over Basic); throws ChallengeError with the reason otherwise. */
export function parseChallenge(header: string): Challenge {
  if (header.length > MAX_HEADER_LENGTH) throw new ChallengeError(`WWW-Authenticate is ${header.length} characters long; refused`);
  const challenges = splitChallenges(header);
  const bearer = challenges.find((c) => c.scheme === 'bearer');
  if (bearer) {
    const realm = bearer.params.get('realm');
    if (!realm) throw new ChallengeError('the Bearer challenge names no realm (token service)');
    let url: URL;
    try {
      url = new URL(realm);
    } catch {
      throw new ChallengeError(`the Bearer realm ${JSON.stringify(realm.slice(0, 100))} is not a URL`);
    }
    if (url.protocol !== 'https:' && url.protocol !== 'http:') throw new ChallengeError(`the Bearer realm uses ${url.protocol}, not http(s)`);
    if (url.username || url.password) throw new ChallengeError('the Bearer realm carries credentials in its URL; refused');
    const get = (key: string) => bearer.params.get(key);
    return {
      scheme: 'bearer',
      realm: url.href,
      ...(get('service') !== undefined ? { service: get('service') } : {}),
      ...(get('scope') !== undefined ? { scope: get('scope') } : {}),
      ...(get('error') !== undefined ? { error: get('error') } : {}),
    };
  }
  const basic = challenges.find((c) => c.scheme === 'basic');
  if (basic) return { scheme: 'basic', ...(basic.params.has('realm') ? { realm: basic.params.get('realm') } : {}) };
  const schemes = challenges.map((c) => c.scheme).join(', ') || 'none';
  throw new ChallengeError(`the registry asks for authentication Layerpad does not speak (${schemes}); only Basic and Bearer are supported`);
}

function splitChallenges(header: string): { scheme: string; params: Map<string, string> }[] {
  const out: { scheme: string; params: Map<string, string> }[] = [];
  let i = 0;
  let count = 0;
  const skip = (chars: string) => {
    while (i < header.length && chars.includes(header[i])) i++;
  };
  while (i < header.length) {
    skip(' ,\t');
    const scheme = /^[A-Za-z0-9!#$%&'*+.^_`|~-]+/.exec(header.slice(i))?.[0];
    if (!scheme) break;
    i += scheme.length;
    const current = { scheme: scheme.toLowerCase(), params: new Map<string, string>() };
    out.push(current);
    for (;;) {
      skip(' \t');
      const param = /^([A-Za-z0-9!#$%&'*+.^_`|~-]+)\s*=\s*/.exec(header.slice(i));
      if (!param) break;
      if (++count > MAX_PARAMS) throw new ChallengeError(`WWW-Authenticate has more than ${MAX_PARAMS} parameters; refused`);
      i += param[0].length;
      let value = '';
      if (header[i] === '"') {
        i++;
        while (i < header.length && header[i] !== '"') {
          if (header[i] === '\\' && i + 1 < header.length) i++;
          value += header[i++];
        }
        i++;
      } else {
        const token = /^[^,\s]*/.exec(header.slice(i))![0];
        value = token;
        i += token.length;
      }
      current.params.set(param[1].toLowerCase(), value);
      skip(' \t');
      if (header[i] !== ',') break;
      const next = /^,\s*([A-Za-z0-9!#$%&'*+.^_`|~-]+)\s*(=?)/.exec(header.slice(i));
      // A comma followed by `token` without `=` starts the next challenge.
      if (next && next[2] !== '=') break;
      i++;
    }
  }
  return out;
}
