// What a registry must send so that this page may use it (CORS), shown where a request failed the
// way CORS makes it fail. The README's "Registries and CORS" has the working configs.

import { CORS_EXPOSED_HEADERS, CORS_METHODS, CORS_REQUEST_HEADERS } from '../../core/registry/cors.ts';

export function CorsHelp({ origin }: { origin: string }) {
  return (
    <details className="cors-help">
      <summary>What the registry must send (CORS)</summary>
      <ul className="small">
        <li><code>Access-Control-Allow-Origin: {origin}</code> (this exact origin; <code>*</code> works only without credentials)</li>
        <li><code>Access-Control-Allow-Methods: {CORS_METHODS.join(', ')}</code></li>
        <li><code>Access-Control-Allow-Headers: {CORS_REQUEST_HEADERS.join(', ')}</code></li>
        <li><code>Access-Control-Expose-Headers: {CORS_EXPOSED_HEADERS.join(', ')}</code></li>
        <li>Preflight <code>OPTIONS</code> requests answered with these headers and without asking for credentials; blob redirects to another host need the same headers there.</li>
      </ul>
      <p className="small muted">
        Debian's <code>docker-registry</code> sends them with <code>http.headers</code> when it has no auth; with auth, put nginx in front to answer preflights. The README section "Registries and CORS" has both configs. Docker Hub, GHCR and Harbor send no CORS headers: copy such an image to a registry you run (<code>skopeo copy</code>) first.
      </p>
    </details>
  );
}
