// Differential test of our tar reader against Go's archive/tar (tools/tarlist): both listings are
// brought to one comparable form and every disagreement is reported. The only disagreements
// allowed are the reader's documented choices: entries it skips with a warning (unknown types,
// the root, bare whiteouts, paths deeper than 1024, symlink targets Linux cannot hold), a cut or
// lone end-of-archive block (tolerated here, an error in Go), an extended header or padding cut
// by the end of the input (an error here, silence in Go), a sparse file whose map and data
// disagree and that is too big for the lister to read, and its own bounds (entry count, sizes beyond 2^53, sparse maps
// over 1 MiB or 100 000 regions).

import { createHash } from 'node:crypto';
import { cleanName, whiteoutOf } from '../core/tar/names.ts';
import { readTar, TarError, type TarRecord } from '../core/tar/read.ts';
import { chunksOf } from './bytes.ts';
import type { GoEntry, GoListing } from './go-tarlist.ts';

export interface Row {
  name: string;
  type: string;
  size?: number;
  link?: string;
  mode?: number;
  uid: number;
  gid: number;
  uname: string;
  gname: string;
  mtime: number;
  dev?: string;
  xattrs?: Record<string, string>;
  dataOffset: number;
  sha256?: string;
}

export interface Side {
  rows: Row[];
  error?: string;
  warnings: string[];
}

const TYPE_OF: Record<string, string> = { file: '0', hardlink: '1', symlink: '2', char: '3', block: '4', dir: '5', fifo: '6' };
const GO_TYPE: Record<string, string> = { '0': '0', '7': '0', S: '0', '1': '1', '2': '2', '3': '3', '4': '4', '5': '5', '6': '6', D: '5' };
const utf8 = new TextDecoder('utf-8', { fatal: true });
const lossy = new TextDecoder();

function shown(bytes: Uint8Array): string {
  try {
    return utf8.decode(bytes);
  } catch {
    return `hex:${Buffer.from(bytes).toString('hex')}`;
  }
}

function row(r: TarRecord): Row {
  const { entry } = r;
  const type = TYPE_OF[entry.type] ?? 'w';
  const out: Row = {
    name: shown(r.rawNameBytes), type, uid: entry.uid, gid: entry.gid, uname: entry.uname ?? '', gname: entry.gname ?? '',
    mtime: entry.mtime ?? 0, mode: entry.mode, dataOffset: r.dataOffset,
  };
  if (type === '0') out.size = entry.size;
  if (entry.type === 'symlink' || entry.type === 'hardlink') out.link = entry.linkname;
  if (type === '3' || type === '4') out.dev = `${entry.devmajor},${entry.devminor}`;
  if (entry.xattrs) out.xattrs = Object.fromEntries(Object.entries(entry.xattrs).sort().map(([k, v]) => [k, Buffer.from(v).toString('base64')]));
  if (r.body) out.sha256 = createHash('sha256').update(r.body).digest('hex');
  return out;
}

/** Our listing of `bytes`, read as a forward stream in odd chunks or as a Blob. */
export async function ourSide(bytes: Uint8Array, source: 'stream' | 'blob'): Promise<Side> {
  const side: Side = { rows: [], warnings: [] };
  const input = source === 'blob' ? new Blob([bytes as BlobPart]) : chunksOf(bytes, 777);
  try {
    for await (const r of readTar(input, { wantBody: (e) => e.type === 'file', onWarning: (m) => side.warnings.push(m) })) {
      side.rows.push(row(r));
      side.warnings.push(...r.warnings);
    }
  } catch (error) {
    if (!(error instanceof TarError)) throw error;
    side.error = error.message;
  }
  return side;
}

/** Why our reader skips this Go entry by design, or undefined when it lists it. */
function skipReason(e: GoEntry): string | undefined {
  const type = GO_TYPE[String.fromCharCode(e.type)];
  if (type === undefined) return 'unsupported type';
  const name = lossy.decode(Buffer.from(e.name, 'base64'));
  const clean = cleanName(name);
  const whiteout = whiteoutOf(clean.path);
  if (whiteout.kind === 'invalid') return 'bad whiteout';
  if (whiteout.kind === 'none' && clean.path === '') return 'root';
  if (whiteout.kind === 'none' && clean.path.split('/').length > 1024) return 'too deep';
  const link = Buffer.from(e.linkname, 'base64');
  if (type === '2' && link.length > 4095) return 'symlink target too long';
  if (type === '1' && cleanName(lossy.decode(link)).path.split('/').length > 1024) return 'hardlink target too deep';
  return undefined;
}

/** Go's listing in the same form, without the `g` entries and the entries we skip by design. */
export function goSide(listing: GoListing): Side & { skipped: number } {
  const side = { rows: [] as Row[], error: listing.error, warnings: [], skipped: 0 };
  for (const e of listing.entries) {
    if (e.type === 0x67) continue;
    if (skipReason(e)) {
      side.skipped++;
      continue;
    }
    const type = GO_TYPE[String.fromCharCode(e.type)];
    const name = Buffer.from(e.name, 'base64');
    const clean = cleanName(lossy.decode(name));
    const isWhiteout = whiteoutOf(clean.path).kind !== 'none';
    const out: Row = {
      name: shown(name), type: isWhiteout ? 'w' : type, uid: e.uid, gid: e.gid, uname: e.uname, gname: e.gname,
      mtime: e.mtime, mode: Number.isSafeInteger(e.mode) ? e.mode & 0o7777 : undefined, dataOffset: e.dataOffset,
    };
    if (out.type === '0') out.size = e.size;
    const link = lossy.decode(Buffer.from(e.linkname, 'base64'));
    if (type === '2') out.link = link;
    if (type === '1') out.link = cleanName(link).path;
    if (type === '3' || type === '4') out.dev = `${e.devmajor},${e.devminor}`;
    if (e.xattrs) out.xattrs = Object.fromEntries(Object.entries(e.xattrs).sort());
    if (out.type === '0' && e.sha256) out.sha256 = e.sha256;
    side.rows.push(out);
  }
  return side;
}

const OUR_BOUNDS = /more than \d+ entries|exceeds the 1 MiB limit|beyond 2\^53|more than \d+ regions|map larger than/;

/**
 * Disagreements between Go's reading and ours (empty when they agree). `source` says how ours was
 * read: from a Blob, an entry whose data is cut is refused before it is listed.
 */
export function differences(bytes: Uint8Array, go: Side & { skipped: number }, ours: Side, source: 'stream' | 'blob'): string[] {
  const found: string[] = [];
  const goRows = go.rows.map((r) => ({ ...r }));
  const ourRows = ours.rows.map((r) => ({ ...r }));
  // Go lists an entry and fails reading its data; we refuse it up front (Blob, sparse maps).
  if (go.error && ours.error && goRows.length === ourRows.length + 1) goRows.pop();
  // A sparse file whose map and data disagree, too big for the lister to read: Go's listing goes
  // on (reading it would fail, as Docker's does); ours stops there.
  const unreadSparse = !go.error && /its map covers \d+ bytes but \d+ are stored/.test(ours.error ?? '') &&
    goRows[ourRows.length]?.type === '0' && goRows[ourRows.length].sha256 === undefined;
  if (unreadSparse) goRows.length = ourRows.length;
  const verdictAllowed = (): boolean => {
    if (unreadSparse || (ours.error && OUR_BOUNDS.test(ours.error))) return true;
    // An extended header, or padding, cut by the end of the input: Go stops silently there, we
    // call it truncated.
    if (!go.error && /after the extended header at offset|inside padding after/.test(ours.error ?? '')) return true;
    if (!go.error || ours.error) return false;
    if (ours.warnings.some((w) => w.startsWith('lone zero block'))) return true;
    const tail = bytes.subarray(bytes.length - (bytes.length % 512));
    return go.error === 'unexpected EOF' && tail.every((b) => b === 0);
  };
  if (Boolean(go.error) !== Boolean(ours.error) && !verdictAllowed()) {
    found.push(`verdict: Go ${go.error ? `fails (${go.error})` : 'reads it'}, ours ${ours.error ? `fails (${ours.error})` : 'reads it'}`);
  }
  const n = Math.max(goRows.length, ourRows.length);
  for (let i = 0; i < n; i++) {
    const g = goRows[i];
    const o = ourRows[i];
    if (!g || !o) {
      // After an error only the entries both sides listed are compared.
      if ((go.error || ours.error) && verdictAllowed()) break;
      if (go.error && ours.error) break;
      found.push(`entry ${i}: Go ${g ? JSON.stringify(g.name) : 'has none'}, ours ${o ? JSON.stringify(o.name) : 'has none'}`);
      break;
    }
    if (g.mode === undefined) o.mode = undefined;
    if (g.type === 'w' || o.type === 'w') {
      // A whiteout is one by its name, whatever its header type; only the name and owner matter.
      g.type = o.type;
      for (const key of ['size', 'sha256', 'link', 'dev'] as const) {
        delete g[key];
        delete o[key];
      }
    }
    if (g.sha256 === undefined || o.sha256 === undefined) {
      delete g.sha256;
      delete o.sha256;
    }
    const a = JSON.stringify(g);
    const b = JSON.stringify(o);
    if (a !== b) found.push(`entry ${i}: Go ${a}, ours (${source}) ${b}`);
  }
  const skipWarnings = ours.warnings.filter((w) => w.endsWith('; skipped')).length;
  if (!go.error && !ours.error && skipWarnings > go.skipped) {
    found.push(`ours skipped ${skipWarnings} entries with a warning, Go lists ${go.skipped} that we skip by design`);
  }
  return found;
}
