/**
 * Stochastic Lanczos quadrature (SLQ): the spectral density of a symmetric operator from a few
 * Lanczos runs (Golub & Meurant; Ubaru, Chen & Saad 2017; Ghorbani, Krishnan & Xiao 2019).
 *
 * @module
 */
import { checkInteger, checkOptions, checkPositive, checkVector } from '../core/checks';
import { norm2 } from '../core/blas1';
import { DimensionError, describeValue } from '../core/errors';
import type { SymmetricOperator } from '../core/types';
import { streamRng } from '../random/rng';
import { lanczosTridiagonal } from './lanczos-tridiagonal';
import { tridiagonalEigen } from './tridiagonal-eigen';
import { checkOperator } from './operator-checks';
import { deflatedOperator } from './deflated-operator';
import { orthonormalize, projectOut } from './orthonormalize';
import { meanStandardError } from '../core/mean-standard-error';

/** Options of {@link spectralDensity}. */
export interface SpectralDensityOptions {
  /** Number of random probes (independent Lanczos runs), ≥ 1. Required. */
  probes: number;
  /** Lanczos steps m per probe, ≥ 1 (capped at the dimension). Required. */
  steps: number;
  /** Seed: probe i is drawn from stream (seed, i). Default 0. */
  seed?: number;
  /**
   * Known eigenpairs to deflate (e.g. converged outliers from `lanczos`): the density is then
   * (1/n) Σⱼ δ(λ − λⱼ) + ((n − r)/n) · SLQ of (I − VVᵀ) A (I − VVᵀ) on the complement of span V.
   * The vectors are orthonormalised here; `values[j]` must be vⱼᵀAvⱼ.
   */
  deflate?: { values: Float64Array | readonly number[]; vectors: readonly Float64Array[] };
}

/** A moment estimate with its Monte Carlo standard error. */
export interface MomentEstimate {
  /** Σᵢ wᵢ θᵢᵖ: an estimate of tr(Aᵖ)/n. */
  estimate: number;
  /** Sample standard deviation of the per-probe quadratures over √probes (NaN for one probe). */
  standardError: number;
}

/** Result of {@link spectralDensity}: a discrete measure Σᵢ wᵢ δ(λ − θᵢ) approximating the spectrum. */
export interface SpectralDensity {
  /** Dimension n of the operator. */
  dim: number;
  /** Quadrature nodes θᵢ (Ritz values), probe by probe, each probe's ascending; deflated values last. */
  nodes: Float64Array;
  /** Weights wᵢ ≥ 0, Σᵢ wᵢ = 1 (to rounding). */
  weights: Float64Array;
  /** Nodes of probe i are `nodes[probeOffsets[i] .. probeOffsets[i+1])`. Length probes + 1. */
  probeOffsets: Int32Array;
  /** Number of probes. */
  probes: number;
  /** Lanczos steps taken by each probe (fewer than asked at breakdown: invariant Krylov space). */
  steps: Int32Array;
  /** Operator applications used. */
  matvecs: number;
  /**
   * The Gaussian-broadened density φ(t) = Σᵢ wᵢ · exp(−(t − θᵢ)²/(2σ²)) / (σ√(2π)) at each grid
   * point; it integrates to 1 over ℝ. Cost O(grid · nodes).
   */
  evaluate(grid: Float64Array | readonly number[], sigma: number): Float64Array;
  /** The p-th moment Σᵢ wᵢ θᵢᵖ ≈ tr(Aᵖ)/n (integer p ≥ 0), with its standard error. */
  moment(p: number): MomentEstimate;
}

/**
 * Stochastic Lanczos quadrature. For each of the `probes` probes: a random unit vector u (a
 * Rademacher vector over √n; with `deflate`, a Gaussian vector projected on the complement of the
 * deflated vectors and normalised, which is uniform on that subspace's sphere), m = `steps` Lanczos
 * steps from u (full reorthogonalisation) give T = Zdiag(θ)Zᵀ, and the Gauss quadrature rule with
 * nodes θⱼ and weights τⱼ² = (Z₁ⱼ)² integrates the spectral measure of A at u exactly for
 * polynomials of degree ≤ 2m − 1. Averaging over probes,
 *   nodes = all θⱼ,  weights = τⱼ² / probes,
 * so that Σ wᵢ f(θᵢ) estimates tr f(A) / n without bias for every polynomial f of degree ≤ 2m − 1
 * (E[uuᵀ] = I/n), with Monte Carlo error O(1/√(probes·n)). Weights sum to 1 exactly in exact
 * arithmetic (Σⱼ τⱼ² = ‖u‖² = 1).
 *
 * Cost: probes·m matvecs, O(probes·m²·n) for the reorthogonalisation, O(probes·m³) for the
 * tridiagonal eigenproblems; memory O(m·n).
 *
 * @example
 * const d = spectralDensity(hessianOperator(f, x), { probes: 10, steps: 40, seed: 1 });
 * const phi = d.evaluate(grid, 0.05);           // a smooth density on the grid
 * const tr = d.dim * d.moment(1).estimate;        // trace estimate
 */
export function spectralDensity(op: SymmetricOperator, options: SpectralDensityOptions): SpectralDensity {
  checkOperator('op', op);
  const n = op.dim;
  const opts = checkOptions('options', options);
  const probes = checkInteger('options.probes', opts.probes, 1);
  const steps = checkInteger('options.steps', opts.steps, 1);
  const seed = checkInteger('options.seed', opts.seed ?? 0, 0);

  // Deflation.
  let basis: Float64Array[] = [];
  let deflatedValues = new Float64Array(0);
  if (opts.deflate !== undefined) {
    const dfl = checkOptions('options.deflate', opts.deflate);
    const vals = checkVector('options.deflate.values', dfl.values);
    if (!Array.isArray(dfl.vectors)) {
      throw new TypeError(`options.deflate.vectors: expected an array of Float64Array, received ${describeValue(dfl.vectors)}`);
    }
    if (dfl.vectors.length !== vals.length) {
      throw new DimensionError(`options.deflate.vectors: expected ${vals.length} vectors (one per value), received ${dfl.vectors.length}`);
    }
    if (vals.length >= n) throw new RangeError(`options.deflate.values: expected fewer than dim = ${n} values, received ${vals.length}`);
    const copies = dfl.vectors.map((v, j) => Float64Array.from(checkVector(`options.deflate.vectors[${j}]`, v, n)));
    basis = orthonormalize(copies);
    if (basis.length !== copies.length) {
      throw new RangeError('options.deflate.vectors: expected linearly independent vectors, received dependent ones');
    }
    deflatedValues = Float64Array.from(vals);
  }
  const r = basis.length;
  const deflating = r > 0;
  const bulkScale = (n - r) / n;

  const target = deflatedOperator(op, basis, 'op');

  const nodeList: Float64Array[] = [];
  const weightList: Float64Array[] = [];
  const stepsTaken = new Int32Array(probes);
  const z = new Float64Array(n);
  let matvecs = 0;
  for (let i = 0; i < probes; i++) {
    const rng = streamRng(`slq-probe:${seed}`, i);
    if (deflating) {
      rng.fillNormal(z);
      projectOut(basis, z);
      if (!(norm2(z) > 0)) throw new RangeError('options.deflate.vectors: the deflated vectors span the whole space');
    } else {
      rng.fillRademacher(z);
    }
    const t = lanczosTridiagonal(target, z, steps);
    stepsTaken[i] = t.steps;
    matvecs += t.steps;
    const eig = tridiagonalEigen(t.alpha, t.beta, { vectors: true });
    const vecs = eig.vectors as Float64Array[];
    const w = new Float64Array(t.steps);
    for (let j = 0; j < t.steps; j++) w[j] = ((((vecs[j] as Float64Array)[0] as number) ** 2) * bulkScale) / probes;
    nodeList.push(eig.values);
    weightList.push(w);
  }
  const probeOffsets = new Int32Array(probes + 1);
  for (let i = 0; i < probes; i++) probeOffsets[i + 1] = (probeOffsets[i] as number) + (stepsTaken[i] as number);
  const bulkCount = probeOffsets[probes] as number;
  const nodes = new Float64Array(bulkCount + r);
  const weights = new Float64Array(bulkCount + r);
  for (let i = 0; i < probes; i++) {
    nodes.set(nodeList[i] as Float64Array, probeOffsets[i]);
    weights.set(weightList[i] as Float64Array, probeOffsets[i]);
  }
  nodes.set(deflatedValues, bulkCount);
  weights.fill(1 / n, bulkCount);

  const evaluate = (grid: Float64Array | readonly number[], sigma: number): Float64Array => {
    const g = checkVector('grid', grid);
    const s = checkPositive('sigma', sigma);
    const out = new Float64Array(g.length);
    const c = 1 / (s * Math.sqrt(2 * Math.PI));
    const inv = 1 / (2 * s * s);
    for (let a = 0; a < g.length; a++) {
      const t = g[a] as number;
      let sum = 0;
      for (let i = 0; i < nodes.length; i++) {
        const d = t - (nodes[i] as number);
        sum += (weights[i] as number) * Math.exp(-d * d * inv);
      }
      out[a] = c * sum;
    }
    return out;
  };

  const moment = (p: number): MomentEstimate => {
    checkInteger('p', p, 0);
    let fixed = 0;
    for (let i = bulkCount; i < nodes.length; i++) fixed += (weights[i] as number) * (nodes[i] as number) ** p;
    // Per-probe quadrature qᵢ = probes · Σ_{j in probe i} wⱼ θⱼᵖ (each an unbiased estimate of the bulk part).
    const { mean, standardError } = meanStandardError(probes, (i) => {
      let q = 0;
      for (let j = probeOffsets[i] as number; j < (probeOffsets[i + 1] as number); j++) q += (weights[j] as number) * (nodes[j] as number) ** p;
      return q * probes;
    });
    return { estimate: fixed + mean, standardError };
  };

  return { dim: n, nodes, weights, probeOffsets, probes, steps: stepsTaken, matvecs, evaluate, moment };
}
