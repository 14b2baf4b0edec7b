/**
 * The thick-restart Lanczos algorithm, written once as a generator that yields its operator
 * applications, so that a synchronous and an asynchronous driver share it (internal: the public
 * entry points are `lanczos` and `lanczosAsync` in `lanczos.ts`).
 *
 * @module
 */
import { symmetricEigen } from '../core/symmetric-eigen';
import { axpy, dot, norm2, scale } from '../core/blas1';
import { addCombination, dotsInto, norm2In, rotateBasis } from '../core/basis-kernels';
import { SIMD_MIN_DIM, createSimdHeap } from '../core/simd-heap';
import { NonFiniteError, SymmetryError } from '../core/errors';
import type { Rng } from '../random/rng';
import { tridiagonalEigen } from './tridiagonal-eigen';
import { projectOut } from './orthonormalize';

/** Which end(s) of the spectrum are wanted (see `LanczosOptions.which`). */
export type LanczosWhich = 'largest' | 'smallest' | 'both' | 'magnitude';

/** One operator application asked of the driver: `out ← A x` ('apply') or `out ← (A − σI)⁻¹ x` ('solve'). */
export interface LanczosRequest {
  kind: 'apply' | 'solve';
  x: Float64Array;
  out: Float64Array;
}

/** Result of {@link lanczos}. */
export interface LanczosResult {
  /**
   * Eigenvalue estimates (Rayleigh quotients of the returned vectors), ordered: 'largest'
   * descending (values[0] = λ_max); 'smallest' ascending (values[0] = λ_min); 'magnitude' by
   * descending |λ|; 'both' ascending (the k smallest then the k largest; all dim values when
   * 2k ≥ dim); shift-invert by increasing |λ − σ|.
   */
  values: Float64Array;
  /** Unit, mutually orthogonal eigenvector estimates; `vectors[i]` belongs to `values[i]`. */
  vectors: Float64Array[];
  /** True residuals ‖A vᵢ − λᵢ vᵢ‖, recomputed on the returned vectors. */
  residuals: Float64Array;
  /**
   * Operator applications, all counted: probe (1, or 2 with v0 or shift-invert), iteration, final
   * residuals (when applied: after a restart), missed check (and solves).
   */
  matvecs: number;
  /** Every returned pair passed the convergence test on its true residual. */
  converged: boolean;
  /**
   * The missed-eigenvalue check still saw an eigenvalue beyond the returned ones after its repair
   * rounds (then trust them less). `false` also when the check did not run (`checkMissed: false`,
   * an unconverged run, or no budget left for it).
   */
  possiblyMissed: boolean;
  /** The ‖A‖ estimate used by the 'norm' test (largest |Ritz value| seen; of (A − σI)⁻¹ in shift-invert mode, max |λ| returned). */
  normEstimate: number;
  /** Thick restarts performed. */
  restarts: number;
}

/** Checked, resolved settings of one run. */
export interface LanczosConfig {
  n: number;
  /** Eigenpairs asked (k; 2k for 'both', capped at n). */
  wanted: number;
  which: LanczosWhich;
  test: (theta: number, residual: number, normEstimate: number) => boolean;
  maxMatvecs: number;
  rng: Rng;
  /** Start vectors (already checked: length n, finite); empty for a random start. */
  start: readonly Float64Array[];
  /** Basis size m: restart when m Ritz directions have been applied. */
  basisSize: number;
  checkMissed: boolean;
  /** Lanczos steps of the missed-eigenvalue check. */
  checkSteps: number;
  sigma: number | undefined;
  onProgress: ((info: { matvecs: number; converged: number; restarts: number }) => void) | undefined;
}

const EPS = 2 ** -52;
/** DGKS: orthogonalise again while a pass shrinks the vector below 1/√2 of its norm. */
const DGKS = Math.SQRT1_2;
/** Rounds of the missed-eigenvalue check that may add vectors before `possiblyMissed` is reported: max(3, k′). */
const MIN_MISSED_ROUNDS = 3;
/** Rows a block of the restart's in-place rotation (l blocks of them stay in cache). */
const ROTATION_BLOCK_ROWS = 256;

/**
 * Ranks Ritz values (sorted ascending) by how much they are wanted: the first `wanted` of the
 * ranking are the wanted ones, and a thick restart keeps a prefix of it.
 */
function rankRitz(theta: Float64Array, which: LanczosWhich): number[] {
  const c = theta.length;
  const idx = Array.from({ length: c }, (_, i) => i);
  switch (which) {
    case 'largest':
      return idx.reverse();
    case 'smallest':
      return idx;
    case 'magnitude':
      return idx.sort((a, b) => Math.abs(theta[b] as number) - Math.abs(theta[a] as number) || b - a);
    case 'both': {
      const out: number[] = [];
      for (let lo = 0, hi = c - 1; lo <= hi; lo++, hi--) {
        out.push(lo);
        if (hi !== lo) out.push(hi);
      }
      return out;
    }
  }
}

/** The thick-restart Lanczos iteration (Wu & Simon 2000) as a generator of operator requests. */
export function* lanczosCore(cfg: LanczosConfig): Generator<LanczosRequest, LanczosResult, void> {
  const { n, wanted, which, test, rng } = cfg;
  const si = cfg.sigma !== undefined;
  const iterWhich: LanczosWhich = si ? 'magnitude' : which;
  let matvecs = 0;

  function* call(kind: 'apply' | 'solve', x: Float64Array, out: Float64Array): Generator<LanczosRequest, void, void> {
    yield { kind, x, out };
    matvecs++;
    for (let i = 0; i < n; i++) {
      const v = out[i] as number;
      if (!Number.isFinite(v)) {
        const who = kind === 'apply' ? 'op.apply' : 'options.shiftInvert.solve';
        throw new NonFiniteError(`${who}: expected finite values, received ${v} at index ${i} of operator application ${matvecs}`);
      }
    }
  }
  /** The operator the iteration works with: A, or (A − σI)⁻¹ in shift-invert mode. */
  const iterKind: 'apply' | 'solve' = si ? 'solve' : 'apply';

  // ---- Symmetry probe: |u·Av − v·Au| = 2|uᵀKv| (A = S + K, K skew) for independent random u, v. ----
  // From a random start, u is the start vector, whose product is the first Lanczos step, so the
  // probe costs one application (of v); with user start vectors (which need not be random) and in
  // shift-invert mode (the iteration applies the solve, the probe is of A), two. (Taking v from the
  // Krylov chain too would be free but only second order in K when K commutes with S, e.g. for a
  // normal operator: uᵀ(A² − AᵀA)u = uᵀ[S, K]u − 2‖Ku‖².)
  const startProbe = !si && cfg.start.length === 0;
  const asymmetryCheck = (u: Float64Array, v: Float64Array, au: Float64Array, av: Float64Array): void => {
    const nu = norm2(u);
    const nv = norm2(v);
    const aNorm = Math.max(norm2(au) / nu, norm2(av) / nv);
    const asym = Math.abs(dot(u, av) - dot(v, au));
    const bound = 1e-8 * aNorm * nu * nv;
    if (asym > bound) {
      throw new SymmetryError(
        `op: expected a symmetric operator, received |u·Av − v·Au| = ${asym.toPrecision(3)} > 1e-8·‖A‖·‖u‖·‖v‖ = ${bound.toPrecision(3)} for random u, v`,
      );
    }
  };
  if (!startProbe) yield* probe();
  function* probe(): Generator<LanczosRequest, void, void> {
    const u = rng.fillNormal(new Float64Array(n));
    const v = rng.fillNormal(new Float64Array(n));
    const au = new Float64Array(n);
    const av = new Float64Array(n);
    yield* call('apply', u, au);
    yield* call('apply', v, av);
    asymmetryCheck(u, v, au, av);
  }

  // ---- Basis V (t vectors: the first c have been applied), projection G = Vᵀ B V[:, 0..c). ----
  // Invariant: B V[:, 0..c) = V[:, 0..t) G (to rounding), V orthonormal.
  const m = cfg.basisSize;
  // The basis lives in a WebAssembly heap (SIMD kernels for the sweeps below) when there is one:
  // room for every vector V can hold (m + 1 + start vectors + missed directions), the work vector
  // and spares, and the restart's block of rows. Past that, vectors are plain arrays (the kernels'
  // JavaScript path, same bits). Tiny problems skip it: instantiating costs more than it saves.
  const rotRows = Math.min(ROTATION_BLOCK_ROWS, n);
  const slots = m + cfg.start.length + wanted + 4;
  const heap = n >= SIMD_MIN_DIM ? createSimdHeap(slots * 2 * Math.ceil(n / 2) + m * rotRows + 2) : undefined;
  const rotTmp = heap?.alloc(m * rotRows) ?? new Float64Array(m * rotRows);
  const V: Float64Array[] = [];
  // W[j] = B V[j] for the applied vectors j < c, kept until the first thick restart: the returned
  // vectors' products B x = W s (true residuals, not estimates) then cost no application. Rotating
  // W at every restart would double the restart's O(l·c·n) work; after one, B x is applied afresh.
  // (Plain arrays: W is read once, at the end, and must not take the heap's room.)
  const W: Float64Array[] = [];
  let keepW = true;
  const spare: Float64Array[] = [];
  const newVec = (): Float64Array => spare.pop() ?? heap?.alloc(n) ?? new Float64Array(n);
  let gcap = m + 8;
  let G = new Float64Array(gcap * gcap);
  const ensureCap = (t: number): void => {
    if (t <= gcap) return;
    const cap = Math.max(t, 2 * gcap);
    const g2 = new Float64Array(cap * cap);
    for (let i = 0; i < gcap; i++) g2.set(G.subarray(i * gcap, (i + 1) * gcap), i * cap);
    G = g2;
    gcap = cap;
  };
  let t = 0;
  let c = 0;
  let coefBuf = new Float64Array(m + 8);

  const hBuf = new Float64Array(4 * (m + 8));
  /** One classical Gram–Schmidt pass of w against V[from..t): h = V[from..t)ᵀ w, w ← w − V h. Adds h to acc. */
  const cgsPass = (w: Float64Array, from: number, acc: Float64Array | undefined): void => {
    const h = t > hBuf.length ? new Float64Array(t) : hBuf; // (t > 4(m + 8) only with many start vectors)
    dotsInto(heap, V, from, t, w, h);
    addCombination(heap, V, from, t, h, w, -1);
    if (acc) for (let q = from; q < t; q++) acc[q] = (acc[q] as number) + (h[q] as number);
  };

  /**
   * Orthogonalises w against V[0..t) by CGS2 (DGKS re-passes), adding the coefficients to acc;
   * returns ‖w‖ after, or 0 if w fell into span V. With `local`, a first pass against V[local..t)
   * only (the Lanczos three-term recurrence) precedes the full passes: one full pass then usually
   * suffices.
   */
  const orthogonalize = (w: Float64Array, acc: Float64Array | undefined, local?: number): number => {
    if (local !== undefined && local > 0 && local < t) cgsPass(w, local, acc);
    let before = norm2In(heap, w);
    for (let pass = 0; pass < 4; pass++) {
      cgsPass(w, 0, acc);
      const after = norm2In(heap, w);
      if (after > DGKS * before) return after;
      if (after === 0) return 0;
      before = after;
    }
    return 0;
  };

  /**
   * Appends a unit vector ⊥ V made from `u` as a not-yet-applied basis vector; false if it lies in
   * span V. `u` is consumed, or copied into the heap when it lives outside it.
   */
  const appendVector = (u: Float64Array): boolean => {
    if (t >= n) return false;
    const before = norm2(u);
    if (!(before > 0)) return false;
    let w = u;
    if (heap !== undefined && u.buffer !== heap.buffer) {
      w = newVec();
      w.set(u);
    }
    const after = orthogonalize(w, undefined);
    if (!(after > 1e-10 * before)) {
      if (heap !== undefined && w.buffer === heap.buffer) spare.push(w); // the heap slot is reused
      return false;
    }
    scale(1 / after, w);
    ensureCap(t + 1);
    for (let j = 0; j < c; j++) G[t * gcap + j] = 0;
    V[t++] = w;
    return true;
  };
  const appendRandom = (): boolean => {
    for (let attempt = 0; attempt < 3; attempt++) {
      if (appendVector(rng.fillNormal(newVec()))) return true;
    }
    return false;
  };

  for (const s of cfg.start) appendVector(Float64Array.from(s));
  if (t === 0) appendRandom();

  let normEst = 0;
  let restarts = 0;
  const w = newVec();

  // Ritz decomposition of the current H = G[0..c, 0..c] (sym.), refreshed by rayleighRitz().
  let theta: Float64Array = new Float64Array(0);
  /** Eigenvectors of the projection: Z[k] is the coefficient vector s_k of Ritz vector k. */
  let Z: Float64Array[] = [];
  let resEst = new Float64Array(0);
  let rank: number[] = [];
  let nConverged = 0;

  const rayleighRitz = (): void => {
    if (c === 0) {
      theta = new Float64Array(0);
      resEst = new Float64Array(0);
      rank = [];
      nConverged = 0;
      return;
    }
    const H = new Float64Array(c * c);
    for (let i = 0; i < c; i++) for (let j = 0; j < c; j++) H[i * c + j] = G[i * gcap + j] as number;
    // symmetricEigen decomposes (H + Hᵀ)/2 and flushes couplings below 2⁻⁶⁰·max|H|. The operator's
    // symmetry was probed at the start; what asymmetry H has here is rounding (or a finite-difference
    // operator's truncation), which the average removes, so no tolerance is imposed.
    const eig = symmetricEigen(H, { symmetryTol: Infinity });
    theta = eig.values;
    Z = eig.vectors;
    for (let k = 0; k < c; k++) normEst = Math.max(normEst, Math.abs(theta[k] as number));
    // Residual estimate of Ritz pair k: ‖G[c..t, 0..c) s_k‖ (the part of B V s_k outside span V_c).
    resEst = new Float64Array(c);
    for (let k = 0; k < c; k++) {
      const zk = Z[k] as Float64Array;
      let ss = 0;
      for (let i = c; i < t; i++) {
        let r = 0;
        for (let j = 0; j < c; j++) r += (G[i * gcap + j] as number) * (zk[j] as number);
        ss += r * r;
      }
      resEst[k] = Math.sqrt(ss);
    }
    rank = rankRitz(theta, iterWhich);
    nConverged = 0;
    if (c >= Math.min(wanted, n)) {
      for (let q = 0; q < wanted; q++) {
        const k = rank[q] as number;
        if (test(theta[k] as number, resEst[k] as number, normEst)) nConverged++;
      }
    }
  };

  /** Thick restart: keep the l most wanted Ritz vectors and the not-yet-applied vectors. */
  const restart = (): void => {
    // Keep the k′ most wanted Ritz vectors plus at most ⌊(m − k′)/2⌋ more, so that every cycle
    // adds at least half the free space as new directions. The extra room goes first, for
    // 'largest'/'smallest', to the converged Ritz vectors of the other end: kept in the basis they
    // deflate it, so the Krylov polynomial stops spending degree on outliers there (the large
    // Hessian eigenvalues when the smallest are wanted); then to min(#converged, rest) more of
    // the wanted end (ARPACK's count, dsaup2).
    const free = c - wanted;
    let extra = Math.max(0, Math.min(c - 1 - wanted, Math.floor(free / 2)));
    let other: number[] = [];
    if (iterWhich === 'smallest' || iterWhich === 'largest') {
      let q = 0;
      while (q < extra && test(theta[rank[c - 1 - q] as number] as number, resEst[rank[c - 1 - q] as number] as number, normEst)) q++;
      other = rank.slice(c - q);
      extra -= q;
    }
    const keep = rank.slice(0, Math.max(1, Math.min(c - 1 - other.length, wanted + Math.min(nConverged, extra)))).concat(other);
    const l = keep.length;
    const r = t - c;
    // Bottom block G[c..t, 0..c) S_keep, computed before G is overwritten.
    const bottom = new Float64Array(r * l);
    for (let i = 0; i < r; i++) {
      for (let q = 0; q < l; q++) {
        const zq = Z[keep[q] as number] as Float64Array;
        let s = 0;
        for (let j = 0; j < c; j++) s += (G[(c + i) * gcap + j] as number) * (zq[j] as number);
        bottom[i * l + q] = s;
      }
    }
    // V[:, 0..l) ← V[:, 0..c) Z[:, keep], in place (Z[keep] as one array for the kernel).
    const sk = new Float64Array(c * l);
    for (let j = 0; j < c; j++) for (let q = 0; q < l; q++) sk[j * l + q] = (Z[keep[q] as number] as Float64Array)[j] as number;
    rotateBasis(heap, V, c, sk, l, rotTmp);
    // Move the unapplied vectors down to l.., recycle the dropped Ritz directions' buffers.
    for (let j = l; j < c; j++) spare.push(V[j] as Float64Array);
    W.length = 0;
    keepW = false;
    const rest = V.slice(c, t);
    V.length = l;
    for (const x of rest) V.push(x);
    G.fill(0);
    for (let q = 0; q < l; q++) G[q * gcap + q] = theta[keep[q] as number] as number;
    for (let i = 0; i < r; i++) for (let q = 0; q < l; q++) G[(l + i) * gcap + q] = bottom[i * l + q] as number;
    c = l;
    t = l + r;
    restarts++;
  };

  /** One Lanczos step: applies B to V[c], orthogonalises, appends the new direction. */
  function* expand(): Generator<LanczosRequest, void, void> {
    const x = V[c] as Float64Array;
    yield* call(iterKind, x, w);
    if (keepW) W[c] = Float64Array.from(w);
    const normBx = norm2In(heap, w);
    ensureCap(t + 1);
    if (coefBuf.length < t) coefBuf = new Float64Array(Math.max(t, 2 * coefBuf.length));
    coefBuf.fill(0, 0, t);
    let beta = orthogonalize(w, coefBuf, Math.max(0, c - 1));
    for (let i = 0; i < t; i++) G[i * gcap + c] = coefBuf[i] as number;
    // An invariant subspace (to rounding): drop the residual.
    if (beta <= 16 * EPS * Math.max(normBx, normEst) || t >= n) beta = 0;
    if (beta > 0) {
      const nv = scale(1 / beta, w, newVec());
      for (let j = 0; j <= c; j++) G[t * gcap + j] = 0;
      G[t * gcap + c] = beta;
      V[t++] = nv;
    }
    c++;
    if (startProbe && c === 1 && restarts === 0 && n >= 2) {
      const v = rng.fillNormal(new Float64Array(n));
      const av = new Float64Array(n);
      yield* call('apply', v, av);
      asymmetryCheck(V[0] as Float64Array, v, W[0] as Float64Array, av);
    }
    // Breakdown with nothing left to apply: continue from a fresh random vector ⊥ V.
    if (c === t && t < n) appendRandom();
  }

  const maxMv = cfg.maxMatvecs;
  const m0 = Math.min(m, n);
  const maxInterval = Math.max(1, Math.floor(m0 / 10));
  // Checks every step while that is cheap, so that a run stops at the step it converges (the
  // operator application, a Hessian-vector product, is usually the cost that matters): the check's
  // dense eigen-solve takes ~12c³ ns (ml-matrix tred2/tql2) and a step's CGS sweeps ~2c·n ns in
  // plain JavaScript, ~0.55c·n ns with the SIMD kernels (measured on Node 20), so a check every
  // ⌈20c²/n⌉ steps costs ≤ ~30% of the JavaScript sweeps, about as much as the SIMD ones. The
  // schedule does not depend on the path, so both give the same results.
  const intervalAt = (cc: number): number => Math.min(maxInterval, Math.max(1, Math.ceil((20 * cc * cc) / n)));
  let lastCheck = 0;
  let missedRounds = 0;
  /** Steps to take before the next convergence check (after the missed check added directions). */
  let force = 0;
  let possiblyMissed = false;
  let done = false;
  let converged = false;
  let resultVals = new Float64Array(0);
  let resultVecs: Float64Array[] = [];
  let resultRes = new Float64Array(0);

  while (!done) {
    // ---- Iterate until the wanted Ritz pairs pass the test, or the budget is spent. ----
    let claimed = false;
    for (;;) {
      const exhausted = c >= t; // nothing left to apply: the whole space is spanned
      const due = exhausted || (force === 0 && (c >= m0 || (c >= wanted && c - lastCheck >= intervalAt(c))));
      if (due) {
        rayleighRitz();
        lastCheck = c;
        cfg.onProgress?.({ matvecs, converged: nConverged, restarts });
        if (c >= wanted && nConverged >= wanted) {
          claimed = true;
          break;
        }
        if (exhausted) break; // (only when no fresh direction could be found: a safety stop)
      }
      if ((c >= 1 && matvecs >= maxMv) || exhausted) {
        if (!due) rayleighRitz();
        break;
      }
      if (c >= m0) {
        if (!due) rayleighRitz();
        restart();
        lastCheck = c;
      }
      yield* expand();
      if (force > 0) force--;
    }

    // ---- Wanted Ritz vectors, true residuals (of A; of B too in shift-invert mode). ----
    const kw = Math.min(wanted, c);
    const sel = rank.slice(0, kw);
    // x = V s / ‖V s‖, and B x = W s / ‖V s‖ while W = B V is stored (no restart yet).
    const stored = keepW && W.length >= c;
    const X: Float64Array[] = [];
    const BX: Float64Array[] = [];
    for (const k of sel) {
      const x = new Float64Array(n);
      const bx = new Float64Array(n);
      const zk = Z[k] as Float64Array;
      addCombination(heap, V, 0, c, zk, x);
      if (stored) addCombination(heap, W, 0, c, zk, bx);
      const inv = 1 / norm2(x);
      scale(inv, x);
      scale(inv, bx);
      X.push(x);
      BX.push(bx);
    }
    const vals = new Float64Array(kw);
    const res = new Float64Array(kw);
    let trueOk = claimed && kw === wanted;
    let ax: Float64Array = new Float64Array(n);
    for (let q = 0; q < kw; q++) {
      const x = X[q] as Float64Array;
      if (si) {
        const bx = BX[q] as Float64Array;
        if (!stored) yield* call('solve', x, bx);
        const th = dot(x, bx);
        axpy(-th, x, bx);
        if (!test(th, norm2(bx), normEst)) trueOk = false;
        yield* call('apply', x, ax);
      } else if (stored) ax = BX[q] as Float64Array;
      else yield* call('apply', x, ax);
      const lam = dot(x, ax);
      axpy(-lam, x, ax);
      vals[q] = lam;
      res[q] = norm2(ax);
      if (!si && !test(lam, res[q] as number, normEst)) trueOk = false;
    }
    resultVals = vals;
    resultVecs = X;
    resultRes = res;
    converged = trueOk;
    done = true;

    // ---- Missed-eigenvalue check: a short Lanczos run on (I − XXᵀ) B (I − XXᵀ). ----
    if (converged && cfg.checkMissed && kw < n) {
      let maxRes = 0;
      for (const k of sel) maxRes = Math.max(maxRes, resEst[k] as number);
      if (!si) for (const x of res) maxRes = Math.max(maxRes, x); // true residuals, when of B = A
      const margin = 2 * maxRes + 64 * EPS * normEst;
      // The boundary of the found set (sel is ordered by rank; for 'both' it interleaves the k
      // lowest, at even positions, and the k highest, at odd ones).
      let lowEdge = -Infinity; // largest of the found low values ('smallest', 'both')
      let highEdge = Infinity; // smallest of the found high values ('largest', 'both')
      let absEdge = Infinity; // smallest found |θ| ('magnitude')
      sel.forEach((k, q) => {
        const th = theta[k] as number;
        absEdge = Math.min(absEdge, Math.abs(th));
        if (iterWhich === 'smallest' || (iterWhich === 'both' && q % 2 === 0)) lowEdge = Math.max(lowEdge, th);
        if (iterWhich === 'largest' || (iterWhich === 'both' && q % 2 === 1)) highEdge = Math.min(highEdge, th);
      });
      const beyond = (phi: number): boolean =>
        iterWhich === 'magnitude' ? Math.abs(phi) > absEdge + margin : phi < lowEdge - margin || phi > highEdge + margin;
      // Within the budget: the check never takes the run past maxMatvecs (+ the final residuals).
      const steps = Math.min(n - kw, cfg.checkSteps, maxMv - matvecs);
      const Q: Float64Array[] = [];
      const alpha: number[] = [];
      const betas: number[] = [];
      // Two passes against the found vectors X, then the check's own basis Q, in that order.
      const XQ: Float64Array[] = [...X];
      const project = (y: Float64Array): Float64Array => projectOut(XQ, y);
      let q0 = rng.fillNormal(new Float64Array(n));
      project(q0);
      let nq = norm2(q0);
      const bq = new Float64Array(n);
      if (nq > 0 && steps > 0) {
        scale(1 / nq, q0);
        for (let j = 0; j < steps; j++) {
          Q.push(q0);
          XQ.push(q0);
          yield* call(iterKind, q0, bq);
          const nb = norm2(bq);
          alpha.push(dot(q0, bq));
          if (j === steps - 1) break;
          project(bq);
          nq = norm2(bq);
          if (nq <= 16 * EPS * Math.max(nb, normEst)) break;
          betas.push(nq);
          q0 = scale(1 / nq, bq, new Float64Array(n));
        }
        // T = Qᵀ P B P Q is tridiagonal up to rounding: its off-diagonal entries are the βs.
        const te = tridiagonalEigen(Float64Array.from(alpha), Float64Array.from(betas.slice(0, alpha.length - 1)), {
          vectors: true,
        });
        const add: Float64Array[] = [];
        te.values.forEach((phi, i) => {
          if (!beyond(phi)) return;
          const y = (te.vectors as Float64Array[])[i] as Float64Array;
          const z = new Float64Array(n);
          for (let j = 0; j < Q.length; j++) axpy(y[j] as number, Q[j] as Float64Array, z);
          add.push(z);
        });
        if (add.length > 0) {
          if (missedRounds < Math.max(MIN_MISSED_ROUNDS, wanted) && matvecs < maxMv) {
            // Put the missed directions into the basis and iterate on.
            missedRounds++;
            let appended = 0;
            for (const z of add.slice(0, wanted)) if (appendVector(z)) appended++;
            // A missed direction that is already in span V lies in the not-yet-applied vectors
            // (it is ⊥ the Ritz space of the applied ones): apply them.
            if (appended > 0 || t > c) {
              done = false;
              force = t - c;
              continue;
            }
          }
          possiblyMissed = true;
        }
      }
    }
  }

  // ---- Order the result. ----
  const kw = resultVals.length;
  const idx = Array.from({ length: kw }, (_, i) => i);
  const val = (i: number): number => resultVals[i] as number;
  if (si) {
    const sg = cfg.sigma as number;
    idx.sort((a, b) => Math.abs(val(a) - sg) - Math.abs(val(b) - sg) || val(a) - val(b));
  } else if (which === 'largest') idx.sort((a, b) => val(b) - val(a));
  else if (which === 'magnitude') idx.sort((a, b) => Math.abs(val(b)) - Math.abs(val(a)) || val(b) - val(a));
  else idx.sort((a, b) => val(a) - val(b));
  return {
    values: Float64Array.from(idx, val),
    vectors: idx.map((i) => resultVecs[i] as Float64Array),
    residuals: Float64Array.from(idx, (i) => resultRes[i] as number),
    matvecs,
    converged,
    possiblyMissed,
    normEstimate: si ? resultVals.reduce((a, x) => Math.max(a, Math.abs(x)), 0) : normEst,
    restarts,
  };
}
