/**
 * The Rayleigh–Ritz step of thick-restart Lanczos (internal: used by `lanczos-core.ts`, not
 * re-exported from the module index): from the projected matrix H = Vᵀ B V of a
 * {@link LanczosBasis} to Ritz values θ, coefficient vectors s (H s = θ s, Ritz vectors x = V s),
 * residual estimates, their ranking by `which` and the convergence count; which Ritz pairs a thick
 * restart keeps; and the wanted Ritz vectors with their stored products.
 *
 * @module
 */
import { symmetricEigen } from '../core/symmetric-eigen';
import { eigenvaluesWithLastComponents, tridiagonalizeKeepingLast, tridiagonalWithLastComponents } from './ritz-kernels';
import { norm2, scale } from '../core/blas1';
import { combineBasis, combineProducts, hasProducts, projectedMatrix, residualEstimates, type LanczosBasis } from './lanczos-basis';

/** Which end(s) of the spectrum are wanted (see `LanczosOptions.which`). */
export type LanczosWhich = 'largest' | 'smallest' | 'both' | 'magnitude';

/** A convergence test of a Ritz pair (θ, residual ρ) given the ‖B‖ estimate. @internal */
export type ConvergenceTest = (theta: number, residual: number, normEstimate: number) => boolean;

/** The Ritz decomposition of a basis's projected matrix. @internal */
export interface RitzDecomposition {
  /** Ritz values θ₀ ≤ θ₁ ≤ … (ascending). */
  values: Float64Array;
  /** Coefficient vectors: vectors[k] is s_k, H s_k = θ_k s_k, ‖s_k‖ = 1. */
  vectors: Float64Array[];
  /** Residual estimates ‖G[c..t, 0..c) s_k‖ (see `residualEstimates`). */
  residuals: Float64Array;
  /** Indices into `values`, most wanted first (see {@link rankRitz}). */
  rank: number[];
  /** How many of the `wanted` first in `rank` pass the test (0 while c < wanted). */
  converged: number;
  /** The ‖B‖ estimate after this step: the largest |θ| seen so far (this step included). */
  normEstimate: number;
  /** Whether `vectors` holds the coefficient vectors (false for {@link ritzEstimates}: `vectors` is empty). */
  hasVectors: boolean;
}

/**
 * Ranks Ritz values (sorted ascending) by how much they are wanted: the first `wanted` of the
 * ranking are the wanted ones, and a thick restart keeps a prefix of it. 'largest': descending;
 * 'smallest': ascending; 'magnitude': by descending |θ| (ties: the higher index first); 'both':
 * alternately from the low and the high end (θ₀, θ_{c−1}, θ₁, θ_{c−2}, …).
 *
 * @internal
 */
export function rankRitz(theta: Float64Array, which: LanczosWhich): number[] {
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

/**
 * The Rayleigh–Ritz step on the applied part of `basis`: the eigen-decomposition H = S Θ Sᵀ of
 * H = G[0..c, 0..c) (by `symmetricEigen` of (H + Hᵀ)/2: the operator's symmetry was probed, what
 * asymmetry H has is rounding, so no tolerance is imposed), the residual estimates, the ranking
 * by `which`, the updated ‖B‖ estimate max(normEstimate, max |θ|), and how many of the `wanted`
 * most wanted pairs pass `test` on their estimates (counted only once c ≥ min(wanted, n)).
 * O(c³). With c = 0, an empty decomposition.
 *
 * @internal
 */
export function rayleighRitz(basis: LanczosBasis, which: LanczosWhich, wanted: number, test: ConvergenceTest, normEstimate: number): RitzDecomposition {
  const c = basis.c;
  if (c === 0) return { values: new Float64Array(0), vectors: [], residuals: new Float64Array(0), rank: [], converged: 0, normEstimate, hasVectors: true };
  const eig = symmetricEigen(projectedMatrix(basis), { symmetryTol: Infinity });
  return decomposition(basis, eig.values, eig.vectors, residualEstimates(basis, eig.vectors), which, wanted, test, normEstimate, true);
}

function decomposition(
  basis: LanczosBasis,
  theta: Float64Array,
  vectors: Float64Array[],
  residuals: Float64Array,
  which: LanczosWhich,
  wanted: number,
  test: ConvergenceTest,
  normEstimate: number,
  hasVectors: boolean,
): RitzDecomposition {
  const c = theta.length;
  let normEst = normEstimate;
  for (let k = 0; k < c; k++) normEst = Math.max(normEst, Math.abs(theta[k] as number));
  const rank = rankRitz(theta, which);
  let converged = 0;
  if (c >= Math.min(wanted, basis.n)) {
    for (let q = 0; q < wanted; q++) {
      const k = rank[q] as number;
      if (test(theta[k] as number, residuals[k] as number, normEst)) converged++;
    }
  }
  return { values: theta, vectors, residuals, rank, converged, normEstimate: normEst, hasVectors };
}

/**
 * The convergence check's part of {@link rayleighRitz} without the coefficient vectors: Ritz
 * values, residual estimates, ranking and convergence count, by the structured kernel
 * (`ritz-kernels.ts`: (4/3)c³ flops instead of ≈ 9c³). It applies when the basis is a single
 * Krylov chain at its end — one unapplied vector v_c whose only coupling is β = G[c, c−1], so that
 * the residual estimate of (θ, V s) is |β·s_{c−1}|, which is the case after every Lanczos step —
 * and returns `null` otherwise (appended directions, a fresh restart), where {@link rayleighRitz}
 * is needed. `vectors` is empty (`hasVectors: false`).
 *
 * @internal
 */
export function ritzEstimates(basis: LanczosBasis, which: LanczosWhich, wanted: number, test: ConvergenceTest, normEstimate: number): RitzDecomposition | null {
  const { c, t, gcap, G } = basis;
  if (c < 2 || t !== c + 1) return null;
  for (let j = 0; j < c - 1; j++) if (G[c * gcap + j] !== 0) return null;
  const beta = Math.abs(G[c * gcap + c - 1] as number);
  const p = Math.min(Math.max(basis.lastDense, 0), c - 1);
  let eig;
  if (p >= c - 1) eig = eigenvaluesWithLastComponents(projectedMatrix(basis), c);
  else {
    // A dense block H[0..p] (the restart's arrowhead, appended directions) and a Lanczos chain
    // after it: the block's reduction (Householder from its last row up, which keeps e_p and so
    // the coupling to the chain) is computed once and kept until a restart or a new dense vector;
    // each check then costs one O(c²) tridiagonal QL. The chain's entries off the tridiagonal are
    // rounding (full reorthogonalisation records them) and are left out: the estimates move by
    // O(ε‖H‖), the final Ritz pairs (rayleighRitz, dense) not at all.
    let block = basis.reducedBlock;
    if (block === null || block.generation !== basis.generation || block.p !== p) {
      const q = p + 1;
      const L = new Float64Array(q * q);
      for (let i = 0; i < q; i++) for (let j = 0; j < q; j++) L[i * q + j] = G[i * gcap + j] as number;
      const bd = new Float64Array(q);
      const be = new Float64Array(q);
      tridiagonalizeKeepingLast(L, q, bd, be);
      block = { generation: basis.generation, p, d: bd, e: be };
      basis.reducedBlock = block;
    }
    const d = new Float64Array(c);
    const e = new Float64Array(c);
    d.set(block.d);
    e.set(block.e.subarray(0, p));
    for (let i = p + 1; i < c; i++) {
      d[i] = G[i * gcap + i] as number;
      e[i - 1] = 0.5 * ((G[i * gcap + i - 1] as number) + (G[(i - 1) * gcap + i] as number));
    }
    eig = tridiagonalWithLastComponents(d, e, c);
  }
  const residuals = Float64Array.from(eig.last, (z) => beta * Math.abs(z));
  return decomposition(basis, eig.values, [], residuals, which, wanted, test, normEstimate, false);
}

/**
 * Which Ritz pairs (indices into `ritz.values`) a thick restart keeps: the k′ = `wanted` most
 * wanted plus at most ⌊(c − k′)/2⌋ more, so that every cycle adds at least half the free space as
 * new directions. The extra room goes first, for 'largest'/'smallest', to the converged Ritz
 * pairs of the other end (kept in the basis they deflate it, so the Krylov polynomial stops
 * spending degree on outliers there: the large Hessian eigenvalues when the smallest are
 * wanted), then to min(#converged, room left) more of the wanted end (ARPACK's count, dsaup2).
 * At least one pair, at most c − 1.
 *
 * @internal
 */
export function thickRestartSelection(ritz: RitzDecomposition, which: LanczosWhich, wanted: number, test: ConvergenceTest): number[] {
  const { values: theta, residuals: resEst, rank, normEstimate } = ritz;
  const c = theta.length;
  const free = c - wanted;
  let extra = Math.max(0, Math.min(c - 1 - wanted, Math.floor(free / 2)));
  let other: number[] = [];
  if (which === 'smallest' || which === 'largest') {
    let q = 0;
    while (q < extra && test(theta[rank[c - 1 - q] as number] as number, resEst[rank[c - 1 - q] as number] as number, normEstimate)) q++;
    other = rank.slice(c - q);
    extra -= q;
  }
  return rank.slice(0, Math.max(1, Math.min(c - 1 - other.length, wanted + Math.min(ritz.converged, extra)))).concat(other);
}

/**
 * The Ritz vectors x = V s/‖V s‖ of the pairs `selected` (indices into `ritz.values`), and
 * vectors for their products: B x = W s/‖V s‖ from the stored products when the basis still has
 * them (`stored`), else zeroed work vectors for the products to be applied into.
 *
 * @internal
 */
export function ritzVectors(
  basis: LanczosBasis,
  ritz: RitzDecomposition,
  selected: readonly number[],
): { vectors: Float64Array[]; products: Float64Array[]; stored: boolean } {
  const n = basis.n;
  const stored = hasProducts(basis);
  const vectors: Float64Array[] = [];
  const products: Float64Array[] = [];
  for (const k of selected) {
    const x = new Float64Array(n);
    const bx = new Float64Array(n);
    const zk = ritz.vectors[k] as Float64Array;
    combineBasis(basis, zk, x);
    if (stored) combineProducts(basis, zk, bx);
    const inv = 1 / norm2(x);
    scale(inv, x);
    scale(inv, bx);
    vectors.push(x);
    products.push(bx);
  }
  return { vectors, products, stored };
}
