// Which Chromium the tests drive. Debian's /usr/bin/chromium is the default because browsers
// cannot be downloaded here; CHROMIUM_PATH names another binary, and an empty CHROMIUM_PATH
// selects the Playwright-managed browser.

export function chromiumPath(): string {
  return process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
}

/** No sandbox (we run as root in CI) and no background traffic (the machine has no internet). */
export const chromiumArgs = [
  '--no-sandbox',
  '--disable-gpu',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--disable-quic',
  '--no-first-run',
];
