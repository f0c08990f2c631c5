// Signing in to registries from the browser, all on 127.0.0.1 on other ports than the app:
// docker-registry behind nginx with htpasswd Basic auth (nginx answers the preflights), and
// docker-registry with distribution's token auth (openssl-made key, the test's token service)
// behind nginx. Missing credentials, a wrong password, a missing push right and a registry that
// sends no CORS headers each give their own message; one token serves a whole push; no password
// ever shows up in a URL or on the page.

import { expect, test, type Page } from '@playwright/test';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { writeBusyboxImageTar } from '../src/test-support/busybox-image.ts';
import { requireTool } from '../src/test-support/oracle.ts';
import { composeBusybox } from './support/busybox-composition.ts';
import { recordRequests } from './support/composer.ts';
import { expectOpened } from './support/inspect-page.ts';
import { ALICE, READER, REGISTRY_TOOLS, skopeoAsync, useRegistries } from './support/registries.ts';
import { useTempDir } from './support/temp-dir.ts';

const port = Number(process.env.E2E_PORT ?? 4173);
const origin = `http://127.0.0.1:${port}`;
const shotsDir = process.env.SHOTS_DIR ?? join(tmpdir(), 'layerpad-registry-shots');

test.describe.configure({ mode: 'serial' });
test.skip(![...REGISTRY_TOOLS, 'nginx', 'openssl'].every(requireTool), 'registry tools missing');
const tmp = useTempDir('registry-auth');
const registries = useRegistries(origin, { closed: true, auth: true });

test.beforeAll(async () => {
  const { basic, bearer } = registries();
  const busybox = join(tmp(), 'busybox.tar');
  await writeBusyboxImageTar(busybox, '0:0');
  const creds = `${ALICE.username}:${ALICE.password}`;
  await skopeoAsync('copy', '--dest-tls-verify=false', '--dest-creds', creds, `oci-archive:${busybox}`, `docker://${basic}/team/busybox:1`);
  await skopeoAsync('copy', '--dest-tls-verify=false', '--dest-creds', creds, `oci-archive:${busybox}`, `docker://${bearer}/team/busybox:1`);
});

async function signIn(page: Page, login: { username: string; password: string }) {
  const details = page.locator('details.sign-in');
  if (!(await details.evaluate((d) => (d as HTMLDetailsElement).open))) await details.locator('summary').click();
  await page.getByLabel('Username').fill(login.username);
  await page.getByLabel('Password or token').fill(login.password);
}

const alert = (page: Page) => page.getByRole('alert');
const pullButton = (page: Page) => page.getByRole('button', { name: 'Pull', exact: true });

test('Basic auth behind nginx: asks for a login, refuses a wrong password, pulls with the right one', async ({ page }) => {
  const { basic } = registries();
  const requests = recordRequests(page, origin);
  await page.goto('/#inspect');
  await page.getByLabel('Image reference').fill(`${basic}/team/busybox:1`);
  await pullButton(page).click();
  await expect(alert(page)).toContainText('needs a username and password (Basic authentication)');
  await expect(page.getByLabel('Username')).toBeVisible();
  await page.screenshot({ path: join(shotsDir, 'pull-needs-login.png') });

  await signIn(page, { ...ALICE, password: 'not-the-password' });
  await pullButton(page).click();
  await expect(alert(page)).toContainText('refused the username and password (HTTP 401)');
  await expect(page.locator('body')).not.toContainText('not-the-password');

  await signIn(page, ALICE);
  await page.getByLabel(`Remember for ${basic} on this device`).check();
  await pullButton(page).click();
  await expectOpened(page);
  await expect(page.getByRole('status', { name: 'Verification result' })).toContainText('5 verified', { timeout: 60_000 });
  expect(requests.urls.filter((url) => url.includes(ALICE.password) || url.includes('not-the-password'))).toEqual([]);
  expect(requests.foreign().filter((url) => new URL(url).host !== basic)).toEqual([]);

  // Remembered for that host only: offered again after a reload, not for another registry.
  await page.reload();
  await page.getByLabel('Image reference').fill(`${registries().open.host}/team/busybox:1`);
  await expect(page.locator('details.sign-in summary')).toHaveText(/^Sign in/);
  await page.getByLabel('Image reference').fill(`${basic}/team/busybox:1`);
  await expect(page.locator('details.sign-in summary')).toHaveText(`Signing in as ${ALICE.username}`);
  await page.getByLabel('Image reference').fill(`${registries().open.host}/team/busybox:1`);
  await expect(page.locator('details.sign-in summary')).toHaveText(/^Sign in/);
});

test('Bearer tokens: a wrong password and a missing push right say so; one token serves the whole push', async ({ page }) => {
  test.setTimeout(240_000);
  const { bearer, tokens } = registries();
  await composeBusybox(page, tmp());
  await page.getByLabel('Push to').fill(`${bearer}/team/app:1`);

  await signIn(page, { ...ALICE, password: 'wrong-again' });
  await page.getByRole('button', { name: 'Push', exact: true }).click();
  await expect(alert(page)).toContainText(/the token service http:\/\/127\.0\.0\.1:\d+ refused the username and password/);
  await page.locator('.push-panel').screenshot({ path: join(shotsDir, 'push-wrong-password.png') });

  await signIn(page, READER);
  await page.getByRole('button', { name: 'Push', exact: true }).click();
  await expect(alert(page)).toContainText('did not grant repository:team/app:pull,push to the account "reader" (insufficient_scope)');
  await page.locator('.push-panel').screenshot({ path: join(shotsDir, 'push-missing-scope.png') });

  await signIn(page, ALICE);
  const before = tokens!.requests.length;
  await page.getByRole('button', { name: 'Push', exact: true }).click();
  await expect(page.getByLabel('Pushed digest')).toHaveText(/^sha256:[0-9a-f]{64}$/, { timeout: 120_000 });
  expect(tokens!.requests.slice(before)).toEqual([{ user: 'alice', scopes: ['repository:team/app:pull,push'] }]);
  await expect(page.locator('body')).not.toContainText(ALICE.password);
});

test('a registry without CORS headers: the message says it is most likely CORS and what to send', async ({ page }) => {
  const { closed } = registries();
  await page.goto('/#inspect');
  await page.getByLabel('Image reference').fill(`${closed!.host}/team/busybox:1`);
  await pullButton(page).click();
  await expect(alert(page)).toContainText(`most likely the registry does not allow this page's origin ${origin}`);
  await page.getByText('What the registry must send (CORS)').click();
  await expect(alert(page)).toContainText(`Access-Control-Allow-Origin: ${origin}`);
  await expect(alert(page)).toContainText('Content-Range');
  await page.screenshot({ path: join(shotsDir, 'pull-cors.png') });
  // The registry saw the preflight only: without its answer allowing the page, the browser sent no GET.
  expect(closed!.requests().filter((r) => r.path.startsWith('/v2/team/')).map((r) => r.method)).toEqual(['OPTIONS']);
});
