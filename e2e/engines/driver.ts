// What the cross-engine checks (checks.ts) need from a browser, so one flow runs in Chromium
// (Playwright), Firefox (puppeteer-core over WebDriver BiDi) and WebKit (WebKitWebDriver over
// classic WebDriver). Elements are found the way a person names them: a control by its label,
// a button by its text. Page functions must be self-contained: they are sent as source.

export interface Download {
  path: string;
  /** The file name the browser saved it under (the page's `download` attribute). */
  name: string;
}

export interface EngineDriver {
  readonly engine: 'chromium' | 'firefox' | 'webkit';
  /** The browser's own version string, for the report. */
  readonly version: string;
  goto(url: string): Promise<void>;
  /** Replaces the text of the control labelled `label` by typing `value` into it. */
  fill(label: string, value: string): Promise<void>;
  /** Picks `paths` in the file input labelled `label`. */
  setFiles(label: string, paths: string[]): Promise<void>;
  /** Clicks the button whose text is `text`. */
  click(text: string): Promise<void>;
  /** Runs `fn(arg)` in the page and returns its (awaited, JSON-able) result. */
  evaluate<A, R>(fn: (arg: A) => R | Promise<R>, arg: A): Promise<R>;
  /** Clicks the button `text` and waits until the browser has saved the file it downloads into `dir`. */
  download(text: string, dir: string): Promise<Download>;
  /** Errors the page and its workers reported so far, where the protocol tells (not classic WebDriver). */
  problems(): string[];
  /** Saves what the page shows now as a PNG, for people to look at. */
  screenshot(path: string): Promise<void>;
  close(): Promise<void>;
}

type Truthy<T> = Exclude<T, false | null | undefined | 0 | ''>;

/** Polls `fn(arg)` in the page until it returns something truthy; throws `what` with the last value after `timeoutMs`. */
export async function waitInPage<A, R>(driver: EngineDriver, what: string, fn: (arg: A) => R | Promise<R>, arg: A, timeoutMs = 60_000): Promise<Truthy<R>> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await driver.evaluate(fn, arg);
    if (value) return value as Truthy<R>;
    if (Date.now() > deadline) throw new Error(`${driver.engine}: timed out after ${timeoutMs} ms waiting for ${what} (last: ${JSON.stringify(value)})`);
    await new Promise((resolve) => setTimeout(resolve, 250));
  }
}

/**
 * `work`, or an error naming `what` and the page's reported problems if it takes over `ms`, with
 * what `state()` says then (asked for at most 5 s: the page may be stuck too).
 */
export async function withDeadline<T>(driver: EngineDriver, what: string, ms: number, work: Promise<T>, state?: () => Promise<unknown>): Promise<T> {
  let timer: ReturnType<typeof setTimeout> | undefined;
  const late = new Promise<never>((_, reject) => {
    timer = setTimeout(async () => {
      const said = state ? await Promise.race([state().then((s) => JSON.stringify(s), (e: Error) => `unreadable (${e.message})`), new Promise<string>((r) => setTimeout(() => r('no answer within 5 s'), 5000))]) : undefined;
      reject(new Error(`${driver.engine}: ${what} did not finish within ${ms} ms; page problems: ${JSON.stringify(driver.problems())}${said ? `; state then: ${said}` : ''}`));
    }, ms);
  });
  try {
    return await Promise.race([work, late]);
  } finally {
    clearTimeout(timer);
  }
}

/** In the page: the control labelled `label` (aria-label, or a <label for>), as getByLabel finds it. */
export function labelled(label: string): HTMLElement {
  const byAria = [...document.querySelectorAll<HTMLElement>('[aria-label]')].find((el) => el.getAttribute('aria-label') === label);
  const byLabel = [...document.querySelectorAll('label')].find((el) => el.textContent?.trim() === label)?.control;
  const found = byAria ?? byLabel;
  if (!found) throw new Error(`no control labelled "${label}"`);
  return found as HTMLElement;
}

/** In the page: the enabled button whose text is `text`. */
export function buttonNamed(text: string): HTMLElement {
  const found = [...document.querySelectorAll('button')].find((el) => el.textContent?.trim() === text && !el.disabled);
  if (!found) throw new Error(`no enabled button "${text}"`);
  return found;
}
