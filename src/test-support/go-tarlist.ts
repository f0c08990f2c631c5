// The Go oracle: builds tools/tarlist (a lister over Go's archive/tar, the reader Docker and
// containerd unpack layers with) into a temp dir with the system `go`, and runs it, either once
// per archive or as one long-lived process that answers length-prefixed archives (for fuzzing).

import { spawn, spawnSync, type ChildProcessWithoutNullStreams } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';

export interface GoEntry {
  type: number;
  /** base64, as Go's encoding/json writes []byte */
  name: string;
  linkname: string;
  size: number;
  mode: number;
  uid: number;
  gid: number;
  uname: string;
  gname: string;
  mtime: number;
  devmajor: number;
  devminor: number;
  dataOffset: number;
  xattrs?: Record<string, string>;
  paxKeys?: string[];
  sha256?: string;
  readError?: string;
}

export interface GoListing {
  entries: GoEntry[];
  error?: string;
}

const SOURCE = resolve(import.meta.dirname, '../../tools/tarlist');
let built: string | undefined;

/** Builds the lister once per process; Go's caches live under the temp dir, not $HOME. */
export function goTarlist(): string {
  if (built) return built;
  const dir = mkdtempSync(join(tmpdir(), 'layerpad-tarlist-'));
  process.once('exit', () => rmSync(dir, { recursive: true, force: true }));
  const out = join(dir, 'tarlist');
  const env = { ...process.env, GOCACHE: join(tmpdir(), 'layerpad-gocache'), GOPATH: join(tmpdir(), 'layerpad-gopath'), GOFLAGS: '', GOTOOLCHAIN: 'local' };
  const result = spawnSync('go', ['build', '-o', out, '.'], { cwd: SOURCE, env, encoding: 'utf8' });
  if (result.status !== 0) throw new Error(`go build of tools/tarlist failed: ${result.stderr}`);
  built = out;
  return out;
}

/** Lists one archive file with Go. */
export function goList(path: string): GoListing {
  const result = spawnSync(goTarlist(), [path], { encoding: 'utf8', maxBuffer: 256 << 20 });
  if (result.status !== 0) throw new Error(`tarlist ${path} failed: ${result.stderr}`);
  return JSON.parse(result.stdout) as GoListing;
}

/** One lister process answering archives in order; `close()` ends it. */
export class GoLister {
  private child: ChildProcessWithoutNullStreams;
  private buffered = '';
  private waiting: Array<(line: string) => void> = [];

  constructor() {
    this.child = spawn(goTarlist(), ['-serve']);
    this.child.stdout.setEncoding('utf8');
    this.child.stdout.on('data', (text: string) => {
      this.buffered += text;
      for (let nl = this.buffered.indexOf('\n'); nl !== -1; nl = this.buffered.indexOf('\n')) {
        const line = this.buffered.slice(0, nl);
        this.buffered = this.buffered.slice(nl + 1);
        this.waiting.shift()?.(line);
      }
    });
  }

  list(bytes: Uint8Array): Promise<GoListing> {
    const frame = Buffer.alloc(4);
    frame.writeUInt32BE(bytes.length);
    const answer = new Promise<string>((done) => this.waiting.push(done));
    this.child.stdin.write(frame);
    this.child.stdin.write(bytes);
    return answer.then((line) => JSON.parse(line) as GoListing);
  }

  close(): void {
    this.child.stdin.end();
    this.child.kill();
  }
}
