// What a registry must send so that a page on another origin may use it (CORS): the request
// headers the client sends, the methods, and the response headers it must be able to read; and
// the two configs that do it, for Debian's docker-registry (distribution 2.8, `http.headers`, only
// without auth: with auth it refuses preflights) and for nginx in front of a registry with auth
// (preflights answered before auth_basic). The in-app help, the test servers and the README (a
// test checks it) all use exactly these.

export const CORS_METHODS = ['HEAD', 'GET', 'OPTIONS', 'POST', 'PUT', 'PATCH', 'DELETE'];
export const CORS_REQUEST_HEADERS = ['Authorization', 'Content-Type', 'Content-Range', 'Range', 'Accept'];
export const CORS_EXPOSED_HEADERS = ['Docker-Content-Digest', 'Location', 'Range', 'WWW-Authenticate', 'OCI-Subject', 'Link', 'Docker-Upload-UUID', 'OCI-Chunk-Min-Length', 'Content-Range'];

/** The `http.headers` part of a docker-registry config.yml allowing `origin`. */
export function registryCorsHeaders(origin: string): string {
  const list = (items: string[]) => `[${items.map((i) => `'${i}'`).join(', ')}]`;
  return [
    '  headers:',
    `    Access-Control-Allow-Origin: ['${origin}']`,
    `    Access-Control-Allow-Methods: ${list(CORS_METHODS)}`,
    `    Access-Control-Allow-Headers: ${list(CORS_REQUEST_HEADERS)}`,
    `    Access-Control-Expose-Headers: ${list(CORS_EXPOSED_HEADERS)}`,
  ].join('\n');
}

/** An nginx `location /v2/` in front of the registry at `upstream`, allowing `origin`; with htpasswd Basic auth when given. */
export function nginxCorsLocation(origin: string, upstream: string, htpasswd?: string): string {
  const headers = [
    `add_header Access-Control-Allow-Origin '${origin}' always;`,
    `add_header Access-Control-Allow-Methods '${CORS_METHODS.join(', ')}' always;`,
    `add_header Access-Control-Allow-Headers '${CORS_REQUEST_HEADERS.join(', ')}' always;`,
    `add_header Access-Control-Expose-Headers '${CORS_EXPOSED_HEADERS.join(', ')}' always;`,
    "add_header Access-Control-Max-Age '600' always;",
  ];
  return [
    'location /v2/ {',
    '    # Preflights carry no credentials: answer them here, before auth_basic.',
    '    if ($request_method = OPTIONS) {',
    ...headers.map((h) => `        ${h}`),
    '        return 204;',
    '    }',
    ...headers.map((h) => `    ${h}`),
    ...(htpasswd ? ['    auth_basic "registry";', `    auth_basic_user_file ${htpasswd};`] : []),
    '    client_max_body_size 0;',
    '    proxy_request_buffering off;',
    `    proxy_pass http://${upstream};`,
    '    proxy_set_header Host $http_host;',
    '    proxy_set_header X-Forwarded-Proto $scheme;',
    '    proxy_read_timeout 900;',
    '}',
  ].join('\n');
}
