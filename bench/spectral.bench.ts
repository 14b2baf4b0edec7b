/**
 * `npm run bench -- spectral`: thick-restart Lanczos against SciPy's `eigsh` (ARPACK) on the same
 * matrices, in one run, with the ratios and the issue's targets marked met / MISSED:
 *
 * - a 2-D grid Laplacian, 100 × 100 (n = 10⁴, sparse CSR matvec; closed-form spectrum), and
 * - a dense n = 2000 matrix with a Hessian-like spectrum (ten outliers over a bulk near zero),
 *   Q diag(λ) Qᵀ with a seeded random orthogonal Q (Gram–Schmidt of Gaussian vectors),
 *
 * for the top 10, the bottom 10 and both (10 at each end). Tolerance: both sides use ARPACK's
 * relative test ‖Ax − θx‖ ≤ tol·max(ε^{2/3}, |θ|) with tol = 1e-8 (our `convergence: 'relative'`
 * is that test; eigsh's `tol` is ARPACK's), both start from a random vector, both compute the
 * eigenvectors. matvecs: ours is `lanczos`'s count (symmetry probe, final residuals and the
 * missed-eigenvalue check included); ARPACK's counts the applications of a LinearOperator
 * wrapping the same matrix. Ours is run twice: with the default `checkMissed: true` (the
 * missed-eigenvalue check, which ARPACK does not perform: it runs until its Christoffel bound
 * certifies at confidence 0.99 that nothing lies beyond the returned values, a couple of
 * applications on a well-separated spectrum, ~135 on the Laplacian's clustered one, or flags)
 * and with `checkMissed: false`, the like-for-like configuration of the earlier targets.
 *
 * Issue 10's figures follow: the Hessian-like top 10 with the default check (matvecs, the check's
 * bound and confidence), its first-call and warm wall time with the time inside the operator
 * (an operator wrapper that times each application), the Laplacian top-10 wall time against
 * eigsh, and the seed sweep over seeds 1–20 of the issue (exact / flagged / silent, ours beside
 * eigsh from the same seeds). Wall time: median of repeats (runs over 2 s: one run), BLAS pinned to
 * one thread in the peer. On a shared machine the load moves between our block of runs and the
 * peer's, so the two wall-time targets are measured again in interleaved rounds (ours, then eigsh
 * on the same matrix right after; the median of the rounds' ratios).
 *
 * Also: ml-matrix's full eigen-decomposition (`symmetricEigen`) against Lanczos top-10 at n = 2000
 * (time, one run: it takes minutes), and power iteration with deflation (PyHessian's method)
 * against Lanczos at the same tolerance meaning ('norm': residual ≤ tol·|λ₁|, tol = 1e-8) on the
 * Hessian-like matrix (matvecs).
 *
 * Set SPECTRAL_BENCH_SKIP_FULL_EIG=1 to skip the multi-minute dense decomposition.
 */
import { existsSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { norm2, scale } from '../src/core/blas1';
import { projectOut } from '../src/spectral/orthonormalize';
import { symmetricEigen } from '../src/core/symmetric-eigen';
import { createRng } from '../src/random/rng';
import { csrOperator } from '../src/spectral/csr-operator';
import { denseOperator } from '../src/spectral/dense-operator';
import { gridLaplacian, gridLaplacianEigenvalues } from '../src/spectral/grid-laplacian';
import { lanczos, type LanczosOptions, type LanczosResult } from '../src/spectral/lanczos';
import { powerIteration } from '../src/spectral/power-iteration';
import type { SymmetricOperator } from '../src/core/types';
import { peerAvailable, ratio, runPeer, tempDir, timeMs, writeF64 } from './harness';

const TOL = 1e-8;
const K = 10;
const N_DENSE = 2000;
const GRID = 100;

interface PeerRun {
  values: number[];
  matvecs: number;
  seconds: number;
  converged: boolean;
}

type Which = 'largest' | 'smallest' | 'both';
const ARPACK_WHICH: Record<Which, { which: string; k: number }> = {
  largest: { which: 'LA', k: K },
  smallest: { which: 'SA', k: K },
  both: { which: 'BE', k: 2 * K },
};

/**
 * The dense Hessian-like test matrix: λ = ten outliers 100·0.7^j (j = 0..9, from 100 down to 4)
 * over a bulk of n − 10 values 0.005 + 0.01·z (z standard normal: a bulk in about [−0.03, 0.04],
 * both signs, as near a minimum of an over-parametrised net), A = Q diag(λ) Qᵀ with Q the
 * Gram–Schmidt orthonormalisation of seeded Gaussian vectors. Cached in the temp folder (building
 * it costs O(n³): 1–2 minutes here).
 */
function hessianLike(n: number, seed: number): { matrix: Float64Array; lambda: Float64Array } {
  const rng = createRng(`bench-hessian-like:${seed}`);
  const lambda = new Float64Array(n);
  for (let j = 0; j < 10; j++) lambda[j] = 100 * 0.7 ** j;
  for (let j = 10; j < n; j++) {
    const z = rng.normal();
    lambda[j] = 0.005 + 0.01 * z;
  }
  const path = join(tmpdir(), `sgd-dynamics-bench-hessian-like-v2-${n}-${seed}.f64`);
  if (existsSync(path)) {
    const buf = readFileSync(path);
    if (buf.byteLength === 8 * n * n) {
      const matrix = new Float64Array(buf.buffer.slice(buf.byteOffset, buf.byteOffset + buf.byteLength));
      return { matrix, lambda: lambda.sort() };
    }
  }
  const q: Float64Array[] = [];
  for (let j = 0; j < n; j++) {
    const c = rng.fillNormal(new Float64Array(n));
    projectOut(q, c);
    scale(1 / norm2(c), c);
    q.push(c);
  }
  const a = new Float64Array(n * n);
  for (let k = 0; k < n; k++) {
    const l = lambda[k] as number;
    const c = q[k] as Float64Array;
    for (let i = 0; i < n; i++) {
      const ci = l * (c[i] as number);
      const row = i * n;
      for (let j = i; j < n; j++) a[row + j] = (a[row + j] as number) + ci * (c[j] as number);
    }
  }
  for (let i = 0; i < n; i++) for (let j = 0; j < i; j++) a[i * n + j] = a[j * n + i] as number;
  writeF64(path, a);
  return { matrix: a, lambda: lambda.sort() };
}

/** The exact eigenvalues a run should return, ascending (as 'both' and ARPACK's sorted output). */
function expected(exact: Float64Array, which: Which): number[] {
  const n = exact.length;
  const lo = Array.from(exact.subarray(0, K));
  const hi = Array.from(exact.subarray(n - K));
  return which === 'largest' ? hi : which === 'smallest' ? lo : [...lo, ...hi];
}

function maxError(values: readonly number[], exact: readonly number[]): number {
  const v = [...values].sort((a, b) => a - b);
  if (v.length !== exact.length) return Number.POSITIVE_INFINITY;
  let e = 0;
  for (let i = 0; i < v.length; i++) e = Math.max(e, Math.abs((v[i] as number) - (exact[i] as number)));
  return e;
}

function mark(ok: boolean): string {
  return ok ? 'met' : 'MISSED';
}

interface Row {
  matrix: string;
  which: Which;
  /** Default options (`checkMissed: true`). */
  ours: LanczosResult;
  oursMs: number;
  oursErr: number;
  /** `checkMissed: false`: what ARPACK does (the like-for-like count and time). */
  like: LanczosResult;
  likeMs: number;
  likeErr: number;
  peer?: PeerRun;
  peerErr?: number;
}

function runOurs(
  op: SymmetricOperator,
  which: Which,
  exact: Float64Array,
  extra: Partial<LanczosOptions> = {},
): { res: LanczosResult; ms: number; err: number } {
  const opts: LanczosOptions = { k: K, which, tol: TOL, convergence: 'relative', seed: 1, ...extra };
  const t0 = performance.now();
  let res = lanczos(op, opts);
  const first = performance.now() - t0;
  // Runs longer than 2 s are timed once (the first run); shorter ones by the median of repeats.
  const ms =
    first > 2000
      ? first
      : timeMs(
          () => {
            res = lanczos(op, opts);
          },
          { minRepeats: 2, minMs: 0 },
        );
  return { res, ms, err: maxError(Array.from(res.values), expected(exact, which)) };
}

/** An operator that adds the time spent in its applications to `timer.ms`. */
function timedOperator(op: SymmetricOperator, timer: { ms: number }): SymmetricOperator {
  return {
    dim: op.dim,
    apply(x, out) {
      const t0 = performance.now();
      const y = op.apply(x, out);
      timer.ms += performance.now() - t0;
      return y;
    },
  };
}

/** Seeds of the sweep (the issue's: 1–20). */
const SWEEP_SEEDS = Array.from({ length: 20 }, (_, i) => i + 1);

interface SweepCount {
  exact: number;
  flagged: number;
  silent: number;
  matvecs: number[];
}

function tally(): SweepCount {
  return { exact: 0, flagged: 0, silent: 0, matvecs: [] };
}

/** 'exact': every wanted value (with multiplicity) within 1e-6; flagged: a flag raised (ours) or no convergence; silent: neither. */
function judge(c: SweepCount, values: readonly number[], exact: readonly number[], flagged: boolean, matvecs: number): void {
  c.matvecs.push(matvecs);
  if (flagged) c.flagged++;
  else if (maxError(values, exact) < 1e-6) c.exact++;
  else c.silent++;
}

function sweepLine(name: string, c: SweepCount): string {
  const mv = c.matvecs;
  const mean = mv.reduce((a, b) => a + b, 0) / Math.max(1, mv.length);
  return `  ${name.padEnd(28)} exact ${String(c.exact).padStart(2)}, flagged ${String(c.flagged).padStart(2)}, silent ${String(c.silent).padStart(2)}; matvecs mean ${mean.toFixed(0)}, max ${Math.max(...mv)}`;
}

export async function run(): Promise<void> {
  const scipyOk = peerAvailable(['scipy'], 'apt-get install -y python3-scipy');
  const dir = tempDir();

  // ---- Matrices. ----
  const lapCsr = gridLaplacian(GRID);
  const lap = csrOperator(lapCsr);
  const lapExact = gridLaplacianEigenvalues(GRID);
  writeF64(join(dir, 'lap-rp.f64'), Float64Array.from(lapCsr.rowPointers));
  writeF64(join(dir, 'lap-ci.f64'), Float64Array.from(lapCsr.columnIndices));
  writeF64(join(dir, 'lap-va.f64'), lapCsr.values);
  let t = performance.now();
  const hess = hessianLike(N_DENSE, 1);
  console.log(`Hessian-like matrix n = ${N_DENSE} ready in ${((performance.now() - t) / 1000).toFixed(1)} s (cached after the first run)`);
  const dense = denseOperator(hess.matrix);
  writeF64(join(dir, 'hess.f64'), hess.matrix);

  // ---- Fixed costs: the first call in this process (WebAssembly compile included), then warm. ----
  t = performance.now();
  const cold = lanczos(dense, { k: K, which: 'largest', tol: TOL, convergence: 'relative', seed: 1 });
  const coldMs = performance.now() - t;
  const opTimer = { ms: 0 };
  const timedDense = timedOperator(dense, opTimer);
  const warmRuns = 20;
  let warmTotal = 0;
  let warmMatvecs = 0;
  let warmCheck = cold.missedCheck;
  for (let i = 0; i < warmRuns; i++) {
    const t0 = performance.now();
    const r = lanczos(timedDense, { k: K, which: 'largest', tol: TOL, convergence: 'relative', seed: 1 });
    warmTotal += performance.now() - t0;
    warmMatvecs = r.matvecs;
    warmCheck = r.missedCheck;
  }
  const warmMs = warmTotal / warmRuns;
  const inOpMs = opTimer.ms / warmRuns;

  // ---- Ours. ----
  const rows: Row[] = [];
  for (const [name, op, exact] of [
    [`Laplacian ${GRID}×${GRID} (n = ${GRID * GRID}, CSR)`, lap, lapExact],
    [`Hessian-like dense n = ${N_DENSE}`, dense, hess.lambda],
  ] as const) {
    for (const which of ['largest', 'smallest', 'both'] as const) {
      const r = runOurs(op, which, exact);
      const l = runOurs(op, which, exact, { checkMissed: false });
      rows.push({ matrix: name, which, ours: r.res, oursMs: r.ms, oursErr: r.err, like: l.res, likeMs: l.ms, likeErr: l.err });
      console.log(
        `  (ours done: ${name}, ${which}: ${r.res.matvecs} matvecs, ${r.ms.toFixed(0)} ms; checkMissed false: ${l.res.matvecs} matvecs, ${l.ms.toFixed(0)} ms)`,
      );
    }
  }

  // ---- ARPACK. ----
  if (scipyOk) {
    const spec = {
      matrices: {
        lap: { type: 'csr', n: GRID * GRID, rowPointers: join(dir, 'lap-rp.f64'), columnIndices: join(dir, 'lap-ci.f64'), values: join(dir, 'lap-va.f64') },
        hess: { type: 'dense', n: N_DENSE, path: join(dir, 'hess.f64') },
      },
      runs: rows.map((r, i) => ({
        matrix: i < 3 ? 'lap' : 'hess',
        which: ARPACK_WHICH[r.which].which,
        k: ARPACK_WHICH[r.which].k,
        tol: TOL,
        maxiter: 20000,
        repeats: 3,
      })),
    };
    const peer = runPeer<{ scipy: string; threads: string; runs: PeerRun[] }>('eigsh.py', [], JSON.stringify(spec));
    console.log(`peer: scipy ${peer.scipy} eigsh (ARPACK), BLAS threads ${peer.threads}`);
    peer.runs.forEach((p, i) => {
      const row = rows[i] as Row;
      row.peer = p;
      row.peerErr = maxError(p.values, expected(i < 3 ? lapExact : hess.lambda, row.which));
    });
  }

  // ---- Report. ----
  console.log(`\nk = ${K} (both: ${K} at each end), tol = ${TOL} (ARPACK's relative test on both sides)`);
  console.log('targets judged on ours with checkMissed: false (ARPACK performs no missed-eigenvalue check); the default (checkMissed: true) shown too');
  let allFewer = true;
  let allTime = true;
  let allFewerDefault = true;
  let allTimeDefault = true;
  let bottomRatio = Number.NaN;
  for (const r of rows) {
    console.log(`${r.matrix}, ${r.which}:`);
    console.log(
      `  ours (checkMissed true):  ${String(r.ours.matvecs).padStart(6)} matvecs, ${r.oursMs.toFixed(1).padStart(8)} ms, converged ${r.ours.converged}, possiblyMissed ${r.ours.possiblyMissed}, restarts ${r.ours.restarts}, max |error| ${r.oursErr.toExponential(2)}`,
    );
    console.log(
      `  ours (checkMissed false): ${String(r.like.matvecs).padStart(6)} matvecs, ${r.likeMs.toFixed(1).padStart(8)} ms, converged ${r.like.converged}, restarts ${r.like.restarts}, max |error| ${r.likeErr.toExponential(2)}`,
    );
    if (r.peer) {
      const p = r.peer;
      console.log(
        `  eigsh:                    ${String(p.matvecs).padStart(6)} matvecs, ${(p.seconds * 1000).toFixed(1).padStart(8)} ms, converged ${p.converged}, max |error| ${(r.peerErr as number).toExponential(2)}`,
      );
      const fewer = r.like.matvecs <= p.matvecs;
      const timeOk = r.likeMs <= 2 * p.seconds * 1000;
      allFewer &&= fewer;
      allTime &&= timeOk;
      allFewerDefault &&= r.ours.matvecs <= p.matvecs;
      allTimeDefault &&= r.oursMs <= 2 * p.seconds * 1000;
      console.log(
        `  ratio ours/eigsh, like-for-like: matvecs ${ratio(r.like.matvecs, p.matvecs)} (≤ 1: ${mark(fewer)}), time ${ratio(r.likeMs, p.seconds * 1000)} (≤ 2: ${mark(timeOk)}); default: matvecs ${ratio(r.ours.matvecs, p.matvecs)}, time ${ratio(r.oursMs, p.seconds * 1000)}`,
      );
      if (r.matrix.startsWith('Hessian') && r.which === 'smallest') bottomRatio = p.matvecs / r.ours.matvecs;
    }
  }
  if (scipyOk) {
    console.log('\ntargets (like-for-like: ours with checkMissed false; in brackets the default checkMissed true):');
    console.log(`  no more matvecs than ARPACK anywhere: ${mark(allFewer)} [default: ${mark(allFewerDefault)}]`);
    console.log(`  ≥ 10× fewer matvecs for the bottom of the Hessian-like spectrum (default options): ${bottomRatio.toFixed(1)}× (${mark(bottomRatio >= 10)})`);
    console.log(`  wall time ≤ 2× eigsh everywhere: ${mark(allTime)} [default: ${mark(allTimeDefault)}]`);
  }

  // ---- Issue 10 targets: the default check's cost, fixed costs, the seed sweep. ----
  const hessTop = rows[3] as Row;
  const lapTop = rows[0] as Row;
  console.log(`\nHessian-like top ${K}, default options (missed-eigenvalue check on, confidence 0.99):`);
  console.log(
    `  ${warmMatvecs} matvecs (check: ${warmCheck ? `${warmCheck.matvecs} matvecs, bound ${warmCheck.bound.toExponential(2)}, confidence ${warmCheck.confidence.toFixed(4)}` : 'did not run'}); target ≤ 30: ${mark(warmMatvecs <= 30)}`,
  );
  console.log(`  first call in this process: ${coldMs.toFixed(1)} ms (WebAssembly compile and JIT warm-up included)`);
  console.log(
    `  warm: ${warmMs.toFixed(2)} ms, of which ${inOpMs.toFixed(2)} ms in the operator, ${(warmMs - inOpMs).toFixed(2)} ms outside (outside/inside ${ratio(warmMs - inOpMs, inOpMs)}; target ≤ 2: ${mark(warmMs - inOpMs <= 2 * inOpMs)})`,
  );
  if (hessTop.peer) {
    const pm = hessTop.peer.seconds * 1000;
    console.log(
      `  eigsh: ${hessTop.peer.matvecs} matvecs, ${pm.toFixed(2)} ms; ratio warm ours/eigsh ${ratio(warmMs, pm)} (target ≤ 2: ${mark(warmMs <= 2 * pm)})`,
    );
  }
  if (lapTop.peer) {
    const pm = lapTop.peer.seconds * 1000;
    console.log(
      `Laplacian top ${K}, default options: ${lapTop.ours.matvecs} matvecs, ${lapTop.oursMs.toFixed(1)} ms; eigsh ${lapTop.peer.matvecs} matvecs, ${pm.toFixed(1)} ms; wall ratio ${ratio(lapTop.oursMs, pm)} (target ≤ 1.2: ${mark(lapTop.oursMs <= 1.2 * pm)})`,
    );
  }

  // Interleaved wall-time ratios: on a shared machine the load changes between the block of our
  // runs above and the peer's, so the two wall-time targets are also measured in rounds, ours then
  // eigsh's on the same matrix right after (each the median of its repeats), and the median of the
  // rounds' ratios reported.
  if (scipyOk) {
    const ROUNDS = 3;
    const lapSpec = {
      type: 'csr',
      n: GRID * GRID,
      rowPointers: join(dir, 'lap-rp.f64'),
      columnIndices: join(dir, 'lap-ci.f64'),
      values: join(dir, 'lap-va.f64'),
    };
    const hessSpec = { type: 'dense', n: N_DENSE, path: join(dir, 'hess.f64') };
    const peerMs = (matrix: 'lap' | 'hess', repeats: number): number => {
      const spec = {
        matrices: matrix === 'lap' ? { lap: lapSpec } : { hess: hessSpec },
        runs: [{ matrix, which: 'LA', k: K, tol: TOL, maxiter: 20000, repeats }],
      };
      return 1000 * (runPeer<{ runs: PeerRun[] }>('eigsh.py', [], JSON.stringify(spec)).runs[0] as PeerRun).seconds;
    };
    const median = (xs: number[]): number => [...xs].sort((a, b) => a - b)[xs.length >> 1] as number;
    const opts: LanczosOptions = { k: K, which: 'largest', tol: TOL, convergence: 'relative', seed: 1 };
    const hessRatios: number[] = [];
    const outsideRatios: number[] = [];
    const lapRatios: number[] = [];
    const lines: string[] = [];
    for (let round = 0; round < ROUNDS; round++) {
      const times: number[] = [];
      let inside = 0;
      for (let i = 0; i < 7; i++) {
        opTimer.ms = 0;
        const t0 = performance.now();
        lanczos(timedDense, opts);
        times.push(performance.now() - t0);
        inside += opTimer.ms;
      }
      const hOurs = median(times);
      const insideMs = inside / 7;
      const meanMs = times.reduce((a, b) => a + b, 0) / 7;
      const hPeer = peerMs('hess', 7);
      const lOurs = timeMs(() => lanczos(lap, opts), { minRepeats: 3, minMs: 0 });
      const lPeer = peerMs('lap', 3);
      hessRatios.push(hOurs / hPeer);
      outsideRatios.push((meanMs - insideMs) / insideMs);
      lapRatios.push(lOurs / lPeer);
      lines.push(
        `  round ${round + 1}: Hessian-like top ${K} ours ${hOurs.toFixed(1)} ms (outside/inside the operator ${ratio(meanMs - insideMs, insideMs)}), eigsh ${hPeer.toFixed(1)} ms, ratio ${ratio(hOurs, hPeer)}; Laplacian top ${K} ours ${lOurs.toFixed(0)} ms, eigsh ${lPeer.toFixed(0)} ms, ratio ${ratio(lOurs, lPeer)}`,
      );
    }
    console.log(`\ninterleaved wall time (${ROUNDS} rounds, ours then eigsh; medians of the rounds' ratios):`);
    for (const l of lines) console.log(l);
    const h = median(hessRatios);
    const o = median(outsideRatios);
    const l = median(lapRatios);
    console.log(
      `  Hessian-like top ${K} warm: ratio ${h.toFixed(2)}× (target ≤ 2: ${mark(h <= 2)}); outside/inside ${o.toFixed(2)}× (target ≤ 2: ${mark(o <= 2)})`,
    );
    console.log(`  Laplacian top ${K}: ratio ${l.toFixed(2)}× (target ≤ 1.2: ${mark(l <= 1.2)})`);
  }

  // The seed sweep of the issue: lanczos(lap, { k: 10, which, tol: 1e-8, seed }) for seeds 1–20
  // (default 'norm' test, default check), and eigsh from v0 = default_rng(seed) at tol 1e-8.
  console.log(
    `\nseed sweep, Laplacian ${GRID}×${GRID} top/bottom ${K}, seeds 1–20 (exact: all copies; flagged: possiblyMissed or not converged; silent: wrong and unflagged):`,
  );
  const sweepWhich = ['largest', 'smallest'] as const;
  const oursSweep = new Map<string, SweepCount>();
  /** Per seed: the iteration's applications, the check's, its rounds, the verdict. */
  const oursRuns = new Map<string, { main: number; check: number; rounds: number; verdict: string }[]>();
  for (const which of sweepWhich) {
    const c = tally();
    const want = expected(lapExact, which);
    const runs: { main: number; check: number; rounds: number; verdict: string }[] = [];
    for (const seed of SWEEP_SEEDS) {
      const r = lanczos(lap, { k: K, which, tol: TOL, seed });
      const flagged = !r.converged || r.possiblyMissed;
      judge(c, Array.from(r.values), want, flagged, r.matvecs);
      const check = r.missedCheck?.matvecs ?? 0;
      runs.push({
        main: r.matvecs - check,
        check,
        rounds: r.missedCheck?.rounds ?? 0,
        verdict: flagged ? 'flagged' : maxError(Array.from(r.values), want) < 1e-6 ? 'exact' : 'SILENT',
      });
    }
    oursSweep.set(which, c);
    oursRuns.set(which, runs);
  }
  let peerSweep: PeerRun[] | null = null;
  if (scipyOk) {
    const spec = {
      matrices: {
        lap: { type: 'csr', n: GRID * GRID, rowPointers: join(dir, 'lap-rp.f64'), columnIndices: join(dir, 'lap-ci.f64'), values: join(dir, 'lap-va.f64') },
      },
      runs: sweepWhich.flatMap((which) =>
        SWEEP_SEEDS.map((seed) => ({ matrix: 'lap', which: ARPACK_WHICH[which].which, k: K, tol: TOL, maxiter: 20000, repeats: 1, seed })),
      ),
    };
    peerSweep = runPeer<{ runs: PeerRun[] }>('eigsh.py', [], JSON.stringify(spec)).runs;
  }
  sweepWhich.forEach((which, w) => {
    const c = oursSweep.get(which) as SweepCount;
    console.log(`  ${which}, per seed: seed: ours total = iteration + check (check rounds) verdict | eigsh`);
    (oursRuns.get(which) ?? []).forEach((run, i) => {
      const p = peerSweep ? (peerSweep[w * SWEEP_SEEDS.length + i] as PeerRun).matvecs : null;
      console.log(
        `    ${String(SWEEP_SEEDS[i]).padStart(2)}: ${String(run.main + run.check).padStart(5)} = ${String(run.main).padStart(4)} + ${String(run.check).padStart(4)} (${run.rounds}) ${run.verdict.padEnd(7)} | ${p === null ? '-' : String(p).padStart(5)}`,
      );
    });
    console.log(sweepLine(`ours, ${which}:`, c));
    if (peerSweep) {
      const p = tally();
      const want = expected(lapExact, which);
      for (let i = 0; i < SWEEP_SEEDS.length; i++) {
        const run = peerSweep[w * SWEEP_SEEDS.length + i] as PeerRun;
        judge(p, run.values, want, !run.converged, run.matvecs);
      }
      console.log(sweepLine(`eigsh, ${which}:`, p));
    }
    const maxMv = Math.max(...c.matvecs);
    console.log(
      `    target (ours): every run exact, none silent, each ≤ 1366 matvecs: exact ${mark(c.exact === SWEEP_SEEDS.length)}, none silent ${mark(c.silent === 0)}, max ${maxMv} ≤ 1366 ${mark(maxMv <= 1366)}`,
    );
  });

  // ---- Power iteration with deflation vs Lanczos, same tolerance meaning ('norm'). ----
  console.log(`\npower iteration with deflation vs Lanczos, top ${K} of the Hessian-like matrix, residual ≤ ${TOL}·|λ₁|:`);
  t = performance.now();
  const pow = powerIteration(dense, { k: K, tol: TOL, maxIterations: 5000, seed: 1 });
  const powMs = performance.now() - t;
  t = performance.now();
  const lzn = lanczos(dense, { k: K, which: 'largest', tol: TOL, convergence: 'norm', seed: 1 });
  const lznMs = performance.now() - t;
  const hiExact = expected(hess.lambda, 'largest');
  console.log(
    `  power iteration: ${pow.matvecs} matvecs (${Array.from(pow.iterations).join(', ')} per pair), ${powMs.toFixed(0)} ms, converged ${pow.converged}, max |error| ${maxError(Array.from(pow.values), hiExact).toExponential(2)}`,
  );
  console.log(
    `  Lanczos:         ${lzn.matvecs} matvecs, ${lznMs.toFixed(0)} ms, converged ${lzn.converged}, max |error| ${maxError(Array.from(lzn.values), hiExact).toExponential(2)}`,
  );
  console.log(`  ratio power/Lanczos: matvecs ${ratio(pow.matvecs, lzn.matvecs)}`);

  // ---- Full dense eigen-decomposition vs Lanczos top-10. ----
  if (process.env.SPECTRAL_BENCH_SKIP_FULL_EIG === '1') {
    console.log('\nml-matrix symmetricEigen at n = 2000: skipped (SPECTRAL_BENCH_SKIP_FULL_EIG=1)');
  } else {
    t = performance.now();
    const full = symmetricEigen(hess.matrix);
    const fullMs = performance.now() - t;
    const lTop = rows[3] as Row;
    console.log(
      `\nml-matrix symmetricEigen (full, n = ${N_DENSE}, one run): ${(fullMs / 1000).toFixed(1)} s, max |error| of the top ${K} ${maxError(Array.from(full.values.subarray(N_DENSE - K)), hiExact).toExponential(2)}`,
    );
    console.log(`  Lanczos top-${K}: ${lTop.oursMs.toFixed(1)} ms; ratio full/Lanczos ${ratio(fullMs, lTop.oursMs)}`);
  }
}
