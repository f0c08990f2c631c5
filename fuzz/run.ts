// The fuzzing runner: `npm run fuzz -- --seconds N [--targets tar,gzip:60] [--seed S] [--save]` gives
// every target N seconds in its own thread (heap limit, and a watchdog that kills a case running
// longer than CASE_LIMIT_MS), prints cases, cases per second and findings per target, and writes
// the findings (minimised inputs) to .tmp/fuzz-findings.json; --save also adds them to
// fuzz/regressions/<target>.json, which regressions.test.ts replays. Exits 1 on any finding.

import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { Worker } from 'node:worker_threads';
import { makeSeeds } from './seeds.ts';
import { TARGETS } from './targets/index.ts';
import { CASE_SLOT, type ReportedFinding, type WorkerInput } from './protocol.ts';

export const CASE_LIMIT_MS = 5000;
const BOOT_LIMIT_MS = 60_000;
const HEAP_LIMIT_MB = 1024;

export interface TargetStats {
  target: string;
  cases: number;
  seconds: number;
  findings: ReportedFinding[];
}

function startWorker(input: WorkerInput): Worker {
  const url = new URL('./worker.ts', import.meta.url).href;
  const boot = `import('tsx/esm/api').then(({ register }) => { register(); return import(${JSON.stringify(url)}); });`;
  return new Worker(boot, { eval: true, workerData: input, resourceLimits: { maxOldGenerationSizeMb: HEAP_LIMIT_MB } });
}

/** Runs one target for `seconds` of fuzzing, restarting its thread after a hang or a crash. */
async function fuzzTarget(target: string, seeds: Uint8Array[], seconds: number, seed: number): Promise<TargetStats> {
  const stats: TargetStats = { target, cases: 0, seconds, findings: [] };
  let remaining = seconds * 1000;
  for (let round = 0; remaining > 0; round++) {
    const shared = new SharedArrayBuffer(8 + CASE_SLOT);
    const counter = new Int32Array(shared, 0, 2);
    const current = (): string => Buffer.from(new Uint8Array(shared, 8, Atomics.load(counter, 1))).toString('base64');
    const worker = startWorker({ target, seeds, budgetMs: remaining, seed: seed + round * 7919, shared });
    const started = Date.now();
    let readyAt: number | undefined;
    await new Promise<void>((done) => {
      let last = -1;
      let since = Date.now();
      const watchdog = setInterval(() => {
        if (readyAt === undefined) {
          if (Date.now() - started > BOOT_LIMIT_MS) {
            stats.findings.push({ target, kind: 'timeout', message: `the thread did not start within ${BOOT_LIMIT_MS} ms`, input: '' });
            void worker.terminate();
          }
          return;
        }
        const now = Atomics.load(counter, 0);
        if (now !== last) {
          last = now;
          since = Date.now();
        } else if (Date.now() - since > CASE_LIMIT_MS) {
          stats.findings.push({ target, kind: 'timeout', message: `one case ran longer than ${CASE_LIMIT_MS} ms`, input: current() });
          void worker.terminate();
        }
      }, 250);
      worker.on('message', (m: { type: string; cases?: number; finding?: ReportedFinding }) => {
        if (m.type === 'ready') {
          readyAt = Date.now();
          since = readyAt;
        }
        if (m.type === 'cases') stats.cases += m.cases!;
        if (m.type === 'finding') stats.findings.push(m.finding!);
      });
      worker.on('error', (error: Error) => {
        stats.findings.push({ target, kind: 'crash', message: `thread died: ${error.message}`, input: current() });
      });
      worker.on('exit', () => {
        clearInterval(watchdog);
        done();
      });
    });
    remaining = readyAt === undefined ? 0 : remaining - (Date.now() - readyAt);
  }
  return stats;
}

export async function runFuzz(opts: { seconds: number; targets?: string[]; seed?: number; log?: (line: string) => void }): Promise<TargetStats[]> {
  const log = opts.log ?? (() => {});
  const dir = mkdtempSync(join(tmpdir(), 'layerpad-fuzz-'));
  try {
    const seeds = await makeSeeds(dir);
    const out: TargetStats[] = [];
    for (const spec of opts.targets ?? Object.keys(TARGETS)) {
      // "name" or "name:seconds"
      const [target, own] = spec.split(':');
      if (!TARGETS[target]) throw new Error(`no fuzz target "${target}" (have ${Object.keys(TARGETS).join(', ')})`);
      const stats = await fuzzTarget(target, seeds[target], own ? Number(own) : opts.seconds, opts.seed ?? Date.now() % 1e9);
      log(`${target.padEnd(10)} ${String(stats.cases).padStart(9)} cases ${(stats.cases / stats.seconds).toFixed(0).padStart(7)}/s  ${stats.findings.length} findings`);
      out.push(stats);
    }
    return out;
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

async function main(): Promise<void> {
  const arg = (name: string): string | undefined => {
    const i = process.argv.indexOf(`--${name}`);
    return i === -1 ? undefined : process.argv[i + 1];
  };
  const seconds = Number(arg('seconds') ?? 10);
  const seed = arg('seed') === undefined ? undefined : Number(arg('seed'));
  const results = await runFuzz({ seconds, targets: arg('targets')?.split(','), seed, log: console.log });
  const total = results.reduce((n, r) => n + r.cases, 0);
  const findings = results.flatMap((r) => r.findings);
  const spent = results.reduce((n, r) => n + r.seconds, 0);
  console.log(`total      ${String(total).padStart(9)} cases in ${spent} s (${(total / spent).toFixed(0)}/s), ${findings.length} findings`);
  const out = resolve(import.meta.dirname, '../.tmp/fuzz-findings.json');
  mkdirSync(resolve(out, '..'), { recursive: true });
  writeFileSync(out, `${JSON.stringify(findings, null, 2)}\n`);
  for (const f of findings) console.log(`\n[${f.target}] ${f.kind}: ${f.message.slice(0, 1500)}\n  input (base64): ${f.input.slice(0, 400)}`);
  if (process.argv.includes('--save')) for (const f of findings) saveRegression(f);
  if (findings.length > 0) process.exitCode = 1;
}

/** Adds a finding to the target's regression file (once per input). */
function saveRegression(finding: ReportedFinding): void {
  const file = resolve(import.meta.dirname, 'regressions', `${finding.target}.json`);
  const kept: ReportedFinding[] = existsSync(file) ? JSON.parse(readFileSync(file, 'utf8')) : [];
  if (kept.some((k) => k.input === finding.input)) return;
  kept.push({ ...finding, message: finding.message.split('\n')[0].slice(0, 300) });
  mkdirSync(resolve(file, '..'), { recursive: true });
  writeFileSync(file, `${JSON.stringify(kept, null, 2)}\n`);
}

if (process.argv[1] && resolve(process.argv[1]) === resolve(import.meta.filename)) await main();
