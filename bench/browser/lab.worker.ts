// Worker side of the lab page: builds the benchmark layer and the determinism sample with the
// same core calls the app's engine worker uses, on this worker alone or with a piece pool of
// compression helpers. Archive checksums use WebCrypto, an implementation independent of the
// engine's own hash-wasm, so a comparison with Node means something.
import { expose } from 'comlink';
import { buildLayer, type BuildLayerOptions } from '../../src/core/build/layer.ts';
import { buildImage, buildIndex } from '../../src/core/build/image.ts';
import { writeOciLayoutZip } from '../../src/core/formats/oci-zip/write.ts';
import { writeImageTar } from '../../src/core/formats/image-tar/write.ts';
import { createPiecePool, type PiecePool, type PieceReply, type PieceRequest } from '../../src/worker/piece-pool.ts';
import { hostedWorker } from '../../src/worker/hosted-worker.ts';
import type { RemoteHelperHost } from '../../src/worker/helper-host.ts';
import { compressPiece, type PieceCompression } from '../../src/core/compress/piece-codec.ts';
import { mixedEntries } from '../mixed-content.ts';
import { multiPlatformSampleSpecs, sampleImageSpec } from '../sample-image.ts';
import { LAB_STATE_PATH } from './lab-state.ts';

async function sha256Hex(blob: Blob): Promise<string> {
  const digest = await crypto.subtle.digest('SHA-256', await blob.arrayBuffer());
  return Array.from(new Uint8Array(digest), (b) => b.toString(16).padStart(2, '0')).join('');
}

type PoolOptions = Pick<BuildLayerOptions, 'compressPiece' | 'parallelism'>;

/**
 * Where the last withPool run is, for a test whose deadline passed (Firefox has hung in one). It
 * is also posted to the lab server at each step, a channel apart from the browser automation's.
 */
const state = { phase: 'idle', helpers: 0, warmUpsAnswered: 0, piecesSent: 0, piecesAnswered: 0, piecesLocal: 0, at: 0, seq: 0 };
/** Posts go out on a phase change and at most twice a second otherwise, so a timed build barely feels them. */
const POST_EVERY_MS = 500;
let lastPost = -Infinity;
const step = (change: Partial<typeof state>) => {
  const phaseChanged = change.phase !== undefined && change.phase !== state.phase;
  Object.assign(state, change, { at: Math.round(performance.now()) });
  if (!phaseChanged && state.at - lastPost < POST_EVERY_MS) return;
  lastPost = state.at;
  state.seq++;
  void fetch(LAB_STATE_PATH, { method: 'POST', body: JSON.stringify(state) }).catch(() => {});
};

/**
 * Runs `work` with build options for `helpers` compression helpers (0: this worker compresses)
 * and `inFlight` pieces in flight (default: one more than helpers, so none waits for the next
 * piece). Also says how many pieces the helpers compressed.
 */
async function withPool<T>(helpers: number, inFlight: number | undefined, work: (opts: PoolOptions) => Promise<T>, compression: PieceCompression = 'gzip') {
  step({ phase: 'starting helpers', helpers, warmUpsAnswered: 0, piecesSent: 0, piecesAnswered: 0, piecesLocal: 0 });
  if (helpers === 0) {
    step({ phase: 'building without helpers' });
    const value = await work({});
    step({ phase: 'done' });
    return { value, helperPieces: 0 };
  }
  if (!helperHost) throw new Error('the lab page has not said how to start compression helpers');
  const host = helperHost;
  const pool: PiecePool = createPiecePool({
    size: helpers,
    createWorker: (index) => hostedWorker<PieceRequest, PieceReply>(host, `lab-piece-${index}`),
    local: (compression, piece) => (step({ piecesLocal: state.piecesLocal + 1 }), compressPiece(compression, piece)),
    onLocal: (reason) => step({ phase: `compressing locally: ${reason}` }),
  });
  try {
    // Start every helper (and load its module) before the clock starts.
    await Promise.all(Array.from({ length: helpers }, () => pool.compress(new Uint8Array(1), compression).then((done) => (step({ warmUpsAnswered: state.warmUpsAnswered + 1 }), done))));
    // Counted from here: a warm-up piece compressed locally is not one of the build's.
    step({ phase: 'building with helpers', piecesLocal: 0 });
    const compressPiece = (piece: Uint8Array) => {
      step({ piecesSent: state.piecesSent + 1 });
      return pool.compress(piece, compression).then((done) => (step({ piecesAnswered: state.piecesAnswered + 1 }), done));
    };
    const value = await work({ compressPiece, parallelism: inFlight ?? helpers + 1 });
    step({ phase: 'done' });
    return { value, helperPieces: state.piecesSent - state.piecesLocal };
  } finally {
    pool.close();
  }
}

let cancellable: AbortController | undefined;
let helperHost: RemoteHelperHost | undefined;

const api = {
  /** The page starts compression helpers for this worker, as the app's page does for its engine. */
  useHelperHost(host: RemoteHelperHost) {
    helperHost = host;
  },
  /** Builds a big layer that only a cancel message (cancelBuild) can stop early; says how it ended. */
  async buildUntilCancelled(totalBytes: number) {
    const controller = (cancellable = new AbortController());
    const entries = mixedEntries(totalBytes, 1);
    try {
      await buildLayer({ kind: 'entries', entries }, { created: '1970-01-01T00:00:00Z', signal: controller.signal });
      return 'completed';
    } catch (error) {
      if (controller.signal.aborted) return 'cancelled';
      throw error;
    }
  },
  cancelBuild() {
    cancellable?.abort();
  },
  /** Builds the mixed-content layer; `helpers` compression workers beside this one (0: none). */
  async benchLayer(totalBytes: number, seed: number, helpers = 0, inFlight?: number, compression: PieceCompression = 'gzip') {
    const { value } = await withPool(helpers, inFlight, async (poolOpts) => {
      const entries = mixedEntries(totalBytes, seed);
      const start = performance.now();
      const layer = await buildLayer({ kind: 'entries', entries }, { created: '1970-01-01T00:00:00Z', compression, ...poolOpts });
      const ms = performance.now() - start;
      return { ms, tarSize: layer.tarSize!, diffId: layer.diffId, digest: layer.descriptor.digest, size: layer.descriptor.size };
    }, compression);
    return value;
  },
  /** Builds the determinism sample and its two archives; `helpers` as for benchLayer. */
  async buildSample(helpers = 0) {
    const { value: archives, helperPieces } = await withPool(helpers, undefined, async (poolOpts) => {
      const image = await buildImage(sampleImageSpec(), poolOpts);
      step({ phase: 'writing and hashing the zip and the tar' });
      const zip = await writeOciLayoutZip(image);
      const tar = await writeImageTar(image);
      return {
        manifestDigest: image.images[0].manifest.descriptor.digest,
        zip: { size: zip.size, sha256: await sha256Hex(zip) },
        tar: { size: tar.size, sha256: await sha256Hex(tar) },
      };
    });
    return { archives, helperPieces };
  },
  /** The two-platform sample's archives and index digest. */
  async buildMultiSample() {
    const index = await buildIndex(multiPlatformSampleSpecs());
    const zip = await writeOciLayoutZip(index);
    const tar = await writeImageTar(index);
    return {
      indexDigest: index.imageIndex!.descriptor.digest,
      zip: { size: zip.size, sha256: await sha256Hex(zip) },
      tar: { size: tar.size, sha256: await sha256Hex(tar) },
    };
  },
  hardwareConcurrency: () => navigator.hardwareConcurrency,
  /** What the last build with helpers got to (phase, pieces sent to helpers and answered). */
  sampleState: () => ({ ...state }),
};

export type LabApi = typeof api;
expose(api);
