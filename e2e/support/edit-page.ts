// Page helpers for the editing specs: the edits every base gets through the composer's own
// controls (add a file, delete a base symlink, replace a base file, change Env and Cmd), and what
// the result must then print when an engine runs it.

import { expect, type Page } from '@playwright/test';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { BASE_MOTD } from '../../src/test-support/edit-bases.ts';

export const NEW_PASSWD = 'root:x:0:0:root:/root:/bin/sh\napp:x:1000:1000::/home/app:/bin/sh\n';
export const MOTD2 = 'Added through the composer\n';
const SCRIPT = 'cat /etc/motd /etc/motd2 /etc/passwd; echo $GREETING; test -e /bin/ls || echo no-ls';
/** What the edited image prints when run. */
export const EDITED_OUTPUT = `${BASE_MOTD}${MOTD2}${NEW_PASSWD}edited\nno-ls\n`;

export const row = (page: Page, name: string) => page.getByRole('row', { name, exact: true });

/** Adds /etc/motd2, deletes /bin/ls, replaces /etc/passwd, sets Env, Entrypoint and Cmd; `dir` gets the files to add. */
export async function makeTheEdits(page: Page, dir: string): Promise<void> {
  writeFileSync(join(dir, 'motd2'), MOTD2);
  writeFileSync(join(dir, 'passwd'), NEW_PASSWD);
  await row(page, 'etc').click();
  await page.getByLabel('Add files').setInputFiles([join(dir, 'motd2'), join(dir, 'passwd')]);
  await expect(row(page, 'motd2')).toContainText('added');
  await expect(row(page, 'passwd')).toContainText('modified');

  await row(page, 'ls').click();
  await page.getByRole('button', { name: 'Delete', exact: true }).click();
  await expect(row(page, 'ls')).toContainText('deleted');

  await page.getByLabel('Environment').fill('PATH=/bin\nGREETING=edited');
  await page.getByLabel('Entrypoint').fill('["/bin/busybox","sh","-c"]');
  await page.getByLabel('Cmd').fill(JSON.stringify([SCRIPT]));
  await expect(page.getByLabel('Config JSON')).toContainText('GREETING=edited', { timeout: 60_000 });
}
