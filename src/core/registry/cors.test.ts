// The README's "Registries and CORS" gives exactly the configs the tests run with.

import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { nginxCorsLocation, registryCorsHeaders } from './cors.ts';

const readme = readFileSync(new URL('../../../README.md', import.meta.url), 'utf8');
const indented = (text: string, by: string) => text.split('\n').map((line) => by + line).join('\n');

describe('README, "Registries and CORS"', () => {
  it('shows the docker-registry headers and the nginx location the test servers use', () => {
    expect(readme).toContain(registryCorsHeaders('http://127.0.0.1:5173'));
    expect(readme).toContain(indented(nginxCorsLocation('http://127.0.0.1:5173', '127.0.0.1:5000', '/etc/nginx/registry.htpasswd'), '    '));
  });
});
