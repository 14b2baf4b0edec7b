/**
 * The Krylov basis of the Lanczos iterations, as one record and the functions that act on it
 * (internal: used by `lanczos-core.ts` and `missed-eigenvalue-check.ts`, not re-exported from the
 * module index).
 *
 * A basis holds t orthonormal vectors V = [v₀ … v_{t−1}], of which the first c have been applied
 * to the iteration's operator B (A, or (A − σI)⁻¹ in shift-invert mode), and the projection
 * G = Vᵀ B V[:, 0..c) (t × c, in a square array of side `gcap`), with the invariant
 *
 *   B V[:, 0..c) = V[:, 0..t) G   (to rounding),
 *
 * so that the projected matrix of the Rayleigh–Ritz step is H = G[0..c, 0..c) and the part of
 * B V s outside span V[:, 0..c) is G[c..t, 0..c) s. One Lanczos step applies B to v_c (the caller
 * does, since it may be asynchronous) and hands the product to {@link absorbProduct}, which
 * orthogonalises it, records its coefficients in G and appends the new direction.
 *
 * Orthogonalisation (CGS2): classical Gram–Schmidt passes over V with DGKS re-passes, after a
 * local pass against the last two vectors (the three-term recurrence); every coefficient is
 * recorded in G (a full column: exact projection also after restarts and appended directions).
 * Vectors live in a WebAssembly heap with SIMD kernels when there is one (the JavaScript loops
 * give the same bits).
 *
 * @module
 */
import { norm2, scale } from '../core/blas1';
import { addCombination, dotsInto, norm2In, rotateBasis } from '../core/basis-kernels';
import { SIMD_MIN_DIM, createSimdHeap, type SimdHeap } from '../core/simd-heap';
import type { Rng } from '../random/rng';

/**
 * A Krylov basis and its projection (see the module comment for the invariant). The fields are
 * read by the Rayleigh–Ritz step and the drivers; only the functions of this module change them.
 *
 * @internal
 */
export interface LanczosBasis {
  /** Length of the vectors. */
  readonly n: number;
  /** The WebAssembly heap the vectors live in, when there is one. */
  readonly heap: SimdHeap | undefined;
  /** The basis vectors; V[0..c) applied, V[c..t) not yet. */
  readonly V: Float64Array[];
  /** Number of basis vectors. */
  t: number;
  /** Number of applied basis vectors. */
  c: number;
  /** The projection G = Vᵀ B V[:, 0..c): entry (i, j) at G[i·gcap + j]. */
  G: Float64Array;
  gcap: number;
  /**
   * W[j] = B V[j] for the applied vectors j < c, kept until the first thick restart (when
   * `keepProducts`): the Ritz vectors' products B x = W s then cost no application. Rotating W at
   * every restart would double a restart's O(l·c·n) work, so after one it is dropped. (Plain
   * arrays: W is read once, at the end, and must not take the heap's room.)
   */
  readonly W: Float64Array[];
  keepProducts: boolean;
  /** Vectors no longer in use (dropped at a restart, rejected appends), reused before allocating. */
  readonly spare: Float64Array[];
  /** Work rows of the restart's in-place rotation (m × min(256, n), in the heap when there is one). */
  readonly rotationTmp: Float64Array;
  /** Coefficients of the current product's orthogonalisation. */
  coefficients: Float64Array;
  /** Coefficients of one Gram–Schmidt pass. */
  readonly passBuffer: Float64Array;
  /**
   * The last index whose vector is not a clean Lanczos successor (v_i made by {@link absorbProduct}
   * from v_{i−1} while v_{i−1} was the only unapplied vector): a start or appended vector, or after
   * a restart the kept Ritz vectors and the moved unapplied ones. Every applied column i beyond it
   * couples, in exact arithmetic, only to v_{i−1}, v_i and v_{i+1} (its other entries of G are
   * rounding), so the projection is a dense block H[0..lastDense] followed by a tridiagonal chain.
   */
  lastDense: number;
  /** Changes at every restart (the dense block's cached reduction is then stale). */
  generation: number;
  /** The tridiagonal reduction of the dense block, kept by the convergence checks (see rayleigh-ritz.ts). */
  reducedBlock: { generation: number; p: number; d: Float64Array; e: Float64Array } | null;
}

/** Options of {@link createLanczosBasis}. @internal */
export interface LanczosBasisOptions {
  /** Basis size m: the number of vectors a cycle holds before a restart (sizes G and the buffers). */
  size: number;
  /** Vectors beyond m + 1 the heap must find room for (start vectors, appended directions, spares). */
  extraVectors?: number;
  /** Keep W = B V until the first restart. Default true. */
  keepProducts?: boolean;
}

const EPS = 2 ** -52;
/** DGKS: orthogonalise again while a pass shrinks the vector below 1/√2 of its norm. */
const DGKS = Math.SQRT1_2;
/** Rows a block of the restart's in-place rotation (l blocks of them stay in cache). */
const ROTATION_BLOCK_ROWS = 256;
/** An appended vector is rejected that projection shrinks to ≤ this fraction of its norm. */
const APPEND_DROP_TOL = 1e-10;

/**
 * An empty basis for vectors of length n. With n ≥ SIMD_MIN_DIM it
 * reserves a WebAssembly heap for m + 1 + `extraVectors` + 3 vectors and the rotation's rows
 * (past that, vectors are plain arrays: the kernels' JavaScript path, the same bits).
 *
 * @internal
 */
export function createLanczosBasis(n: number, options: LanczosBasisOptions): LanczosBasis {
  const m = options.size;
  const rotRows = Math.min(ROTATION_BLOCK_ROWS, n);
  const slots = m + (options.extraVectors ?? 0) + 4;
  const heap: SimdHeap | undefined = n >= SIMD_MIN_DIM ? createSimdHeap(slots * 2 * Math.ceil(n / 2) + m * rotRows + 2) : undefined;
  const rotationTmp = heap?.alloc(m * rotRows) ?? new Float64Array(m * rotRows);
  const gcap = m + 8;
  return {
    n,
    heap,
    V: [],
    t: 0,
    c: 0,
    G: new Float64Array(gcap * gcap),
    gcap,
    W: [],
    keepProducts: options.keepProducts ?? true,
    spare: [],
    rotationTmp,
    coefficients: new Float64Array(m + 8),
    passBuffer: new Float64Array(4 * (m + 8)),
    lastDense: -1,
    generation: 0,
    reducedBlock: null,
  };
}

/** A vector of length n: a spare one, else one from the heap, else a new array. @internal */
export function newBasisVector(b: LanczosBasis): Float64Array {
  return b.spare.pop() ?? b.heap?.alloc(b.n) ?? new Float64Array(b.n);
}

/** Grows G to hold at least t rows and columns. */
function ensureCapacity(b: LanczosBasis, t: number): void {
  if (t <= b.gcap) return;
  const cap = Math.max(t, 2 * b.gcap);
  const g2 = new Float64Array(cap * cap);
  for (let i = 0; i < b.gcap; i++) g2.set(b.G.subarray(i * b.gcap, (i + 1) * b.gcap), i * cap);
  b.G = g2;
  b.gcap = cap;
}

/** One classical Gram–Schmidt pass of w against V[from..t): h = V[from..t)ᵀ w, w ← w − V h. Adds h to acc. */
function cgsPass(b: LanczosBasis, w: Float64Array, from: number, acc: Float64Array | undefined): void {
  const t = b.t;
  const h = t > b.passBuffer.length ? new Float64Array(t) : b.passBuffer; // (t > 4(m + 8) only with many start vectors)
  dotsInto(b.heap, b.V, from, t, w, h);
  addCombination(b.heap, b.V, from, t, h, w, -1);
  if (acc) for (let q = from; q < t; q++) acc[q] = (acc[q] as number) + (h[q] as number);
}

/**
 * Orthogonalises w against the basis in place and returns ‖w‖ after, or 0 if w fell into the span:
 * with `local`, a first pass against V[local..t) only (the Lanczos three-term recurrence), then
 * full CGS passes over V[0..t) while a pass shrinks w below 1/√2 of its norm (DGKS; at most four);
 * the coefficients are added to `acc`.
 *
 * @internal
 */
export function orthogonalizeAgainstBasis(b: LanczosBasis, w: Float64Array, acc?: Float64Array, local?: number): number {
  if (local !== undefined && local > 0 && local < b.t) cgsPass(b, w, local, acc);
  let before = norm2In(b.heap, w);
  for (let pass = 0; pass < 4; pass++) {
    cgsPass(b, w, 0, acc);
    const after = norm2In(b.heap, w);
    if (after > DGKS * before) return after;
    if (after === 0) return 0;
    before = after;
  }
  return 0;
}

/**
 * Appends a unit vector ⊥ V made from `u` as a not-yet-applied basis vector; false if the basis
 * already spans the space, or u lies in the span (to a relative 1e-10). `u` is consumed, or copied into the heap when it lives
 * outside it.
 *
 * @internal
 */
export function appendVector(b: LanczosBasis, u: Float64Array): boolean {
  if (b.t >= b.n) return false;
  const before = norm2(u);
  if (!(before > 0)) return false;
  let w = u;
  if (b.heap !== undefined && u.buffer !== b.heap.buffer) {
    w = newBasisVector(b);
    w.set(u);
  }
  const after = orthogonalizeAgainstBasis(b, w);
  if (!(after > APPEND_DROP_TOL * before)) {
    if (b.heap !== undefined && w.buffer === b.heap.buffer) b.spare.push(w); // the heap slot is reused
    return false;
  }
  scale(1 / after, w);
  ensureCapacity(b, b.t + 1);
  for (let j = 0; j < b.c; j++) b.G[b.t * b.gcap + j] = 0;
  b.lastDense = b.t;
  b.V[b.t++] = w;
  return true;
}

/** Appends a random Gaussian direction ⊥ V (up to three tries); false if none could be found. @internal */
export function appendRandom(b: LanczosBasis, rng: Rng): boolean {
  for (let attempt = 0; attempt < 3; attempt++) {
    if (appendVector(b, rng.fillNormal(newBasisVector(b)))) return true;
  }
  return false;
}

/**
 * The rest of one Lanczos step, once the caller has written w = B v_c: records column c of G
 * (from the orthogonalisation's coefficients), orthogonalises w, and appends w/β as a new unapplied vector unless β = ‖w‖ after is at
 * breakdown, β ≤ 16ε·max(‖B v_c‖, normEstimate) (an invariant subspace to rounding), or the basis
 * spans the space. Marks v_c applied (c ← c + 1) and returns β (0 when nothing was appended).
 * `w` is left as work space (its contents are not kept).
 *
 * @internal
 */
export function absorbProduct(b: LanczosBasis, w: Float64Array, normEstimate: number): number {
  const c = b.c;
  if (b.keepProducts) b.W[c] = Float64Array.from(w);
  const normBx = norm2In(b.heap, w);
  ensureCapacity(b, b.t + 1);
  const t0 = b.t;
  if (b.coefficients.length < t0) b.coefficients = new Float64Array(Math.max(t0, 2 * b.coefficients.length));
  const coef = b.coefficients;
  coef.fill(0, 0, t0);
  let beta = orthogonalizeAgainstBasis(b, w, coef, Math.max(0, c - 1));
  for (let i = 0; i < t0; i++) b.G[i * b.gcap + c] = coef[i] as number;
  if (beta <= 16 * EPS * Math.max(normBx, normEstimate) || b.t >= b.n) beta = 0;
  if (beta > 0) {
    const t = b.t;
    const nv = scale(1 / beta, w, newBasisVector(b));
    for (let j = 0; j <= c; j++) b.G[t * b.gcap + j] = 0;
    b.G[t * b.gcap + c] = beta;
    if (t !== c + 1) b.lastDense = t; // (v_c was not the only unapplied vector: not a clean successor)
    b.V[t] = nv;
    b.t = t + 1;
  }
  b.c = c + 1;
  return beta;
}

/**
 * Thick restart: V[:, 0..l) ← V[:, 0..c) S_keep (the Ritz vectors of the kept pairs, S_keep the
 * columns `keep` of the Ritz coefficient vectors `ritzVectors`), the unapplied vectors moved down
 * to l.., G ← [diag(θ_keep); G[c..t, 0..c) S_keep] (the projection in the new basis), c ← l. The
 * dropped vectors become spares and the stored products W are dropped. O(l·c·n).
 *
 * @internal
 */
export function restartBasis(b: LanczosBasis, ritzValues: Float64Array, ritzVectors: readonly Float64Array[], keep: readonly number[]): void {
  const { c, t, gcap } = b;
  const l = keep.length;
  const r = t - c;
  // Bottom block G[c..t, 0..c) S_keep, computed before G is overwritten.
  const bottom = new Float64Array(r * l);
  for (let i = 0; i < r; i++) {
    for (let q = 0; q < l; q++) {
      const zq = ritzVectors[keep[q] as number] as Float64Array;
      let s = 0;
      for (let j = 0; j < c; j++) s += (b.G[(c + i) * gcap + j] as number) * (zq[j] as number);
      bottom[i * l + q] = s;
    }
  }
  // V[:, 0..l) ← V[:, 0..c) Z[:, keep], in place (Z[keep] as one array for the kernel).
  const sk = new Float64Array(c * l);
  for (let j = 0; j < c; j++) for (let q = 0; q < l; q++) sk[j * l + q] = (ritzVectors[keep[q] as number] as Float64Array)[j] as number;
  rotateBasis(b.heap, b.V, c, sk, l, b.rotationTmp);
  // Move the unapplied vectors down to l.., recycle the dropped Ritz directions' buffers.
  for (let j = l; j < c; j++) b.spare.push(b.V[j] as Float64Array);
  b.W.length = 0;
  b.keepProducts = false;
  const rest = b.V.slice(c, t);
  b.V.length = l;
  for (const x of rest) b.V.push(x);
  b.G.fill(0);
  for (let q = 0; q < l; q++) b.G[q * gcap + q] = ritzValues[keep[q] as number] as number;
  for (let i = 0; i < r; i++) for (let q = 0; q < l; q++) b.G[(l + i) * gcap + q] = bottom[i * l + q] as number;
  b.c = l;
  b.t = l + r;
  b.lastDense = l + r - 1;
  b.generation++;
  b.reducedBlock = null;
}

/**
 * out ← out + V[:, 0..c) s (a Ritz vector from its coefficients s), by the basis kernels. Returns
 * out.
 *
 * @internal
 */
export function combineBasis(b: LanczosBasis, s: Float64Array, out: Float64Array): Float64Array {
  return addCombination(b.heap, b.V, 0, b.c, s, out);
}

/**
 * out ← out + W[:, 0..c) s = B V s, from the stored products; `false` (out untouched) when they
 * are no longer stored (after a restart) or were not kept.
 *
 * @internal
 */
export function combineProducts(b: LanczosBasis, s: Float64Array, out: Float64Array): boolean {
  if (!hasProducts(b)) return false;
  addCombination(b.heap, b.W, 0, b.c, s, out);
  return true;
}

/** Whether W = B V[:, 0..c) is stored (no restart yet). @internal */
export function hasProducts(b: LanczosBasis): boolean {
  return b.keepProducts && b.W.length >= b.c;
}

/**
 * The projected matrix H = G[0..c, 0..c) as a dense row-major c × c array (symmetric up to
 * rounding).
 *
 * @internal
 */
export function projectedMatrix(b: LanczosBasis): Float64Array {
  const { c, gcap, G } = b;
  const H = new Float64Array(c * c);
  for (let i = 0; i < c; i++) for (let j = 0; j < c; j++) H[i * c + j] = G[i * gcap + j] as number;
  return H;
}

/**
 * Residual estimate of each Ritz pair from its coefficients s: ‖G[c..t, 0..c) s‖, the norm of
 * the part of B V s outside span V[:, 0..c) (= ‖B x − θ x‖ for x = V s when H s = θ s; |β s_last|
 * for a single Krylov chain).
 *
 * @internal
 */
export function residualEstimates(b: LanczosBasis, ritzVectors: readonly Float64Array[]): Float64Array {
  const { c, t, gcap, G } = b;
  const res = new Float64Array(ritzVectors.length);
  for (let k = 0; k < ritzVectors.length; k++) {
    const zk = ritzVectors[k] as Float64Array;
    let ss = 0;
    for (let i = c; i < t; i++) {
      let r = 0;
      for (let j = 0; j < c; j++) r += (G[i * gcap + j] as number) * (zk[j] as number);
      ss += r * r;
    }
    res[k] = Math.sqrt(ss);
  }
  return res;
}
