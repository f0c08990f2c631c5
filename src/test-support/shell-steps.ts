// Runs shell commands one after another in one bash (so `cd` carries over, as in a terminal) and
// returns what each printed, split at markers echoed between them. Stops at the first failure.

import { execFileSync } from 'node:child_process';

const MARK = '::layerpad-step::';

export function runShellSteps(commands: string[], cwd: string): string[] {
  const script = ['set -eo pipefail', ...commands.flatMap((c) => [c, `echo '${MARK}'`])].join('\n');
  let out: string;
  try {
    out = execFileSync('bash', ['-c', script], { cwd, encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'], maxBuffer: 256 << 20 });
  } catch (error) {
    const e = error as { stdout?: string; stderr?: string };
    const done = (e.stdout ?? '').split(`${MARK}\n`).length - 1;
    throw new Error(`step ${done + 1} failed: ${commands[done]}\n${e.stderr ?? String(error)}`);
  }
  return out.split(`${MARK}\n`).slice(0, commands.length);
}
