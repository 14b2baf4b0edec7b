/**
 * Stochastic Lanczos quadrature (SLQ): the spectral density of a symmetric operator from a few
 * Lanczos runs (Golub & Meurant; Ubaru, Chen & Saad 2017; Ghorbani, Krishnan & Xiao 2019).
 *
 * @module
 */
import { checkInteger, checkOptions, checkPositive, checkSeed, checkVector, optionWithAlias, checkKnownOptions, checkAllocation } from '../core/checks';
import { norm2 } from '../core/blas1';
import { DimensionError, describeValue } from '../core/errors';
import type { LongRunOptions, Seed, SymmetricOperator } from '../core/types';
import { rngFor } from '../random/rng';
import { lanczosTridiagonal } from './lanczos-tridiagonal';
import { tridiagonalEigen } from './tridiagonal-eigen';
import { longRun } from '../core/long-run';
import { checkOperator, checkSymmetryProbe } from './operator-checks';
import { deflatedOperator } from './deflated-operator';
import { orthonormalize, projectOut } from './orthonormalize';
import { meanStandardErrorUnchecked as meanStandardError } from '../core/mean-standard-error';
import { exp } from '../core/elementary/index';

/** What `onProgress` of {@link spectralDensity} receives. */
export interface SpectralDensityProgress {
  /** Probes (Lanczos runs) done so far. */
  probes: number;
  /** Probes asked for. */
  totalProbes: number;
  /** Operator applications so far. */
  matvecs: number;
}

/** Options of {@link spectralDensity}. */
export interface SpectralDensityOptions extends LongRunOptions<SpectralDensityProgress> {
  /** Number of random probes (independent Lanczos runs), ≥ 1. Required. */
  probes: number;
  /** Lanczos steps m per probe, ≥ 1 (capped at the dimension). Required (or its deprecated alias `steps`). */
  lanczosSteps?: number;
  /** @deprecated Use `lanczosSteps` (same meaning). */
  steps?: number;
  /** Seed (a number or a string): probe i is drawn from `rngFor('slq-probe', seed, i)`. Default 0. */
  seed?: Seed;
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
  /** Sample standard deviation of the per-probe quadratures over √probes (null for one probe). */
  standardError: number | null;
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
  /** Number of probes done (`options.probes`, fewer when aborted; at least 1). */
  probes: number;
  /** Lanczos steps taken by each probe (fewer than asked at breakdown: invariant Krylov space). */
  lanczosSteps: Int32Array;
  /** @deprecated Use `lanczosSteps` (the same array). */
  steps: Int32Array;
  /** `'steps'`: every probe was run; `'aborted'`: the signal fired and the density is that of the probes done. */
  stopReason: 'steps' | 'aborted';
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
 * deflated vectors and normalised, which is uniform on that subspace's sphere), m = `lanczosSteps` Lanczos
 * steps from u (full reorthogonalisation) give T = Zdiag(θ)Zᵀ, and the Gauss quadrature rule with
 * nodes θⱼ and weights τⱼ² = (Z₁ⱼ)² integrates the spectral measure of A at u exactly for
 * polynomials of degree ≤ 2m − 1. Averaging over probes,
 *   nodes = all θⱼ,  weights = τⱼ² / probes,
 * so that Σ wᵢ f(θᵢ) estimates tr f(A) / n without bias for every polynomial f of degree ≤ 2m − 1
 * (E[uuᵀ] = I/n), with Monte Carlo error O(1/√(probes·n)). Weights sum to 1 exactly in exact
 * arithmetic (Σⱼ τⱼ² = ‖u‖² = 1).
 *
 * Probe i draws from `rngFor('slq-probe', seed, i)` (seed default 0; `7` and `'7'` the same).
 * `options.steps` is a deprecated alias of `options.lanczosSteps`. Long work: `onProgress` after
 * probes (at most ~100 times), `signal` checked after every probe; a cancelled run returns the
 * density of the probes done (at least one; weights rescaled so they still sum to 1) with
 * `stopReason: 'aborted'`.
 *
 * Cost: probes·m matvecs, O(probes·m²·n) for the reorthogonalisation, O(probes·m³) for the
 * tridiagonal eigenproblems; memory O(m·n).
 *
 * @example
 * const d = spectralDensity(hessianOperator(f, x), { probes: 10, lanczosSteps: 40, seed: 1 });
 * const phi = d.evaluate(grid, 0.05);           // a smooth density on the grid
 * const tr = d.dim * d.moment(1).estimate;        // trace estimate
 */
export function spectralDensity(op: SymmetricOperator, options: SpectralDensityOptions): SpectralDensity {
  checkOperator('op', op);
  const n = op.dim;
  const opts = checkOptions('options', options);
  checkKnownOptions('options', opts, ['deflate', 'lanczosSteps', 'onProgress', 'probes', 'seed', 'signal', 'steps']);
  const probes = checkInteger('options.probes', opts.probes, 1);
  checkAllocation('options.probes', probes, 'the per-probe quadrature nodes');
  // eslint-disable-next-line @typescript-eslint/no-deprecated -- the deprecated alias itself, kept for one release
  const stepsName = opts.lanczosSteps === undefined && opts.steps !== undefined ? 'options.steps' : 'options.lanczosSteps';
  const steps = checkInteger(stepsName, optionWithAlias(opts, 'lanczosSteps', 'steps'), 1);
  const seed = checkSeed('options.seed', opts.seed === undefined ? 0 : opts.seed);
  const run = longRun<SpectralDensityProgress>(opts);

  // Deflation.
  let basis: Float64Array[] = [];
  let deflatedValues = new Float64Array(0);
  if (opts.deflate !== undefined) {
    const dfl = checkOptions('options.deflate', opts.deflate);
    checkKnownOptions('options.deflate', dfl, ['values', 'vectors']);
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

  // The symmetry probe of lanczos, for free: u, v the first (normalised) vectors of probes 0 and
  // 1 (independent), their products the first Lanczos step of each; with one probe, one extra
  // application of a random vector (counted in matvecs).
  let firstOf: { x: Float64Array; ax: Float64Array } | null = null;
  let callsThisProbe = 0;
  let probeIndex = 0;
  const probing: SymmetricOperator = {
    dim: n,
    apply(x: Float64Array, out: Float64Array): Float64Array {
      const y = target.apply(x, out);
      if (callsThisProbe++ === 0 && probeIndex < 2) {
        if (probeIndex === 0) firstOf = { x: Float64Array.from(x), ax: Float64Array.from(y) };
        else if (firstOf !== null) checkSymmetryProbe('op', firstOf.x, x, firstOf.ax, y);
      }
      return y;
    },
  };
  const nodeList: Float64Array[] = [];
  const weightList: Float64Array[] = [];
  const stepsEach = new Int32Array(probes);
  const z = new Float64Array(n);
  let matvecs = 0;
  let done = 0;
  if (probes === 1 && n >= 2) {
    const u = rngFor('slq-symmetry-probe', seed).fillNormal(new Float64Array(n));
    const au = Float64Array.from(target.apply(u, new Float64Array(n)));
    matvecs++;
    firstOf = { x: u, ax: au };
    probeIndex = 1;
  }
  for (let i = 0; i < probes; i++) {
    callsThisProbe = 0;
    if (i > 0) probeIndex = Math.min(2, probeIndex + 1);
    const rng = rngFor('slq-probe', seed, i);
    if (deflating) {
      rng.fillNormal(z);
      projectOut(basis, z);
      if (!(norm2(z) > 0)) throw new RangeError('options.deflate.vectors: the deflated vectors span the whole space');
    } else {
      rng.fillRademacher(z);
    }
    const t = lanczosTridiagonal(probing, z, steps, { checkSymmetry: false });
    stepsEach[i] = t.lanczosSteps;
    matvecs += t.lanczosSteps;
    const eig = tridiagonalEigen(t.alpha, t.beta, { vectors: true });
    const vecs = eig.vectors as Float64Array[];
    const w = new Float64Array(t.lanczosSteps);
    for (let j = 0; j < t.lanczosSteps; j++) w[j] = ((vecs[j] as Float64Array)[0] as number) ** 2 * bulkScale;
    nodeList.push(eig.values);
    weightList.push(w);
    done = i + 1;
    const mv = matvecs;
    if (run.report(done, probes, () => ({ probes: done, totalProbes: probes, matvecs: mv })) && done < probes) break;
  }
  const stopReason: SpectralDensity['stopReason'] = done < probes ? 'aborted' : 'steps';
  const stepsTaken = done < probes ? stepsEach.slice(0, done) : stepsEach;
  // Weights τⱼ²·(n − r)/n of each probe, averaged over the probes done.
  for (const w of weightList) for (let j = 0; j < w.length; j++) w[j] = (w[j] as number) / done;
  return assemble(n, done, stepsTaken, nodeList, weightList, deflatedValues, r, matvecs, stopReason);
}

/** The discrete measure of the probes done plus the deflated point masses, with its evaluate/moment. Internal. */
function assemble(
  n: number,
  probes: number,
  stepsTaken: Int32Array,
  nodeList: readonly Float64Array[],
  weightList: readonly Float64Array[],
  deflatedValues: Float64Array,
  r: number,
  matvecs: number,
  stopReason: SpectralDensity['stopReason'],
): SpectralDensity {
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
        sum += (weights[i] as number) * exp(-d * d * inv);
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
    return { estimate: fixed + mean, standardError: probes > 1 ? standardError : null };
  };

  // eslint-disable-next-line @typescript-eslint/no-deprecated -- the deprecated alias itself, kept for one release
  return { dim: n, nodes, weights, probeOffsets, probes, lanczosSteps: stepsTaken, steps: stepsTaken, matvecs, evaluate, moment, stopReason };
}
