// Shared helper for oracle tests (tests that ask real tools such as GNU tar, umoci or skopeo).
// A missing tool skips the test locally but fails the run under CI=true, so CI can never pass by
// silently skipping the independent checks.

import { execFileSync, spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

const found = new Map<string, boolean>();

/**
 * True when `name` is on PATH. When it is missing: throws under CI=true, returns false otherwise
 * (use with `describe.skipIf(!requireTool('tar'))`).
 */
export function requireTool(name: string): boolean {
  if (!found.has(name)) {
    found.set(name, spawnSync('sh', ['-c', 'command -v "$1"', 'sh', name], { stdio: 'ignore' }).status === 0);
  }
  const present = found.get(name)!;
  if (!present && process.env.CI === 'true') {
    throw new Error(`oracle tool "${name}" is required under CI=true but is not installed`);
  }
  return present;
}

/** Runs a tool and returns its stdout; throws with the tool's stderr when it fails. */
export function runTool(name: string, args: string[], options: { cwd?: string; input?: Uint8Array } = {}): string {
  try {
    return execFileSync(name, args, { cwd: options.cwd, input: options.input, encoding: 'utf8', stdio: ['pipe', 'pipe', 'pipe'], maxBuffer: 256 << 20 });
  } catch (error) {
    const stderr = (error as { stderr?: string }).stderr ?? '';
    throw new Error(`${name} ${args.join(' ')} failed: ${stderr || String(error)}`);
  }
}

/** A fresh directory under os.tmpdir(); call `remove()` when done (e.g. in afterAll). */
export function makeTempDir(prefix: string): { path: string; remove: () => void } {
  const path = mkdtempSync(join(tmpdir(), `layerpad-${prefix}-`));
  return { path, remove: () => rmSync(path, { recursive: true, force: true }) };
}
