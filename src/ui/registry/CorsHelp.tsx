// What a registry must send so that this page may use it (CORS), shown where a request failed the
// way CORS makes it fail: the headers, and working configs for docker-registry and nginx (the
// same text as the README's "Registries and CORS").

import { CORS_EXPOSED_HEADERS, CORS_METHODS, CORS_REQUEST_HEADERS, nginxCorsLocation, registryCorsHeaders } from '../../core/registry/cors.ts';

export function CorsHelp({ origin }: { origin: string }) {
  return (
    <details className="cors-help">
      <summary>What the registry must send (CORS)</summary>
      <ul className="small">
        <li><code>Access-Control-Allow-Origin: {origin}</code> (this exact origin; <code>*</code> only works without credentials)</li>
        <li><code>Access-Control-Allow-Methods: {CORS_METHODS.join(', ')}</code></li>
        <li><code>Access-Control-Allow-Headers: {CORS_REQUEST_HEADERS.join(', ')}</code></li>
        <li><code>Access-Control-Expose-Headers: {CORS_EXPOSED_HEADERS.join(', ')}</code></li>
        <li>Preflight <code>OPTIONS</code> requests answered with these headers, without asking for credentials; a blob redirect to another host needs them there too.</li>
      </ul>
      <p className="small">Debian's <code>docker-registry</code> without auth, in its <code>config.yml</code> under <code>http:</code></p>
      <pre className="config">{registryCorsHeaders(origin)}</pre>
      <p className="small">With auth, it refuses preflights: put nginx in front (here with htpasswd Basic auth, the registry itself without auth or headers):</p>
      <pre className="config">{nginxCorsLocation(origin, '127.0.0.1:5000', '/etc/nginx/registry.htpasswd')}</pre>
      <p className="small muted">Docker Hub, GHCR and Harbor send no CORS headers: copy such an image to a registry you run first (<code>skopeo copy</code>). The README, "Registries and CORS", has these configs too.</p>
    </details>
  );
}
