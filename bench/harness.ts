/**
 * Shared benchmark helpers: timing, and running a Python peer (SciPy, scikit-learn, PyTorch from
 * Debian's packages, through /usr/bin/python3) on the same inputs.
 */
import { spawnSync } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, dirname } from 'node:path';
import { fileURLToPath } from 'node:url';

export const PYTHON = '/usr/bin/python3';
const peersDir = join(dirname(fileURLToPath(import.meta.url)), 'peers');

/** Median wall time (ms) of `fn` over repeats, after one warm-up, running at least `minMs` in all. */
export function timeMs(fn: () => unknown, { minRepeats = 3, minMs = 300 }: { minRepeats?: number; minMs?: number } = {}): number {
  fn();
  const times: number[] = [];
  const start = performance.now();
  while (times.length < minRepeats || performance.now() - start < minMs) {
    const t = performance.now();
    fn();
    times.push(performance.now() - t);
    if (times.length >= 1000) break;
  }
  times.sort((a, b) => a - b);
  return times[Math.floor(times.length / 2)] as number;
}

const availability = new Map<string, boolean>();

/**
 * Whether `/usr/bin/python3` can import every module in `modules`. When not, prints one line
 * saying which peer is skipped and how to install it, and returns false (never throws).
 */
export function peerAvailable(modules: readonly string[], installHint: string): boolean {
  const key = modules.join(',');
  let ok = availability.get(key);
  if (ok === undefined) {
    const r = spawnSync(PYTHON, ['-c', modules.map((m) => `import ${m}`).join('; ')], { encoding: 'utf8' });
    ok = r.status === 0;
    availability.set(key, ok);
  }
  if (!ok) console.log(`  peer skipped: python3 cannot import ${modules.join(', ')} (install with: ${installHint})`);
  return ok;
}

/**
 * Runs `bench/peers/<script>` with `args`, returns its stdout parsed as JSON. Throws with the
 * peer's stderr if it fails (a missing peer is detected earlier by `peerAvailable`).
 */
export function runPeer<T>(script: string, args: readonly string[] = [], input?: string): T {
  const r = spawnSync(PYTHON, [join(peersDir, script), ...args], { encoding: 'utf8', input, maxBuffer: 1 << 28 });
  if (r.status !== 0) throw new Error(`peer ${script} failed (exit ${r.status}): ${r.stderr}`);
  return JSON.parse(r.stdout) as T;
}

/** A fresh temporary directory for files handed to a peer. */
export function tempDir(): string {
  return mkdtempSync(join(tmpdir(), 'sgd-bench-'));
}

/** Writes a Float64Array as raw little-endian float64 (numpy: np.fromfile(path, dtype='<f8')). */
export function writeF64(path: string, data: Float64Array): void {
  writeFileSync(path, new Uint8Array(data.buffer, data.byteOffset, data.byteLength));
}

/** Formats a ratio "ours/peer" as e.g. "0.84×". */
export function ratio(ours: number, peer: number): string {
  return `${(ours / peer).toPrecision(3)}×`;
}
