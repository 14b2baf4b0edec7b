/**
 * fast-check arbitraries for property tests of code that uses sgd-dynamics: orthogonal matrices,
 * symmetric and SPD matrices with a known spectrum, point clouds, parameter vectors and landscapes.
 *
 * @module
 */
import fc from 'fast-check';
import ndarray from 'ndarray';
import { checkFiniteNumber, checkInteger, checkOptions, checkPositive, checkPositiveInteger, checkVector, checkKnownOptions } from '../core/checks';
import { describeValue } from '../core/errors';
import type { Objective, Points } from '../core/types';
import { doubleWell } from '../objectives/double-well';
import { mullerBrown } from '../objectives/muller-brown';
import { quadratic } from '../objectives/quadratic';
import { rosenbrock } from '../objectives/rosenbrock';
import { styblinskiTang } from '../objectives/styblinski-tang';

/** A symmetric matrix drawn with its eigen-decomposition A = Q diag(λ) Qᵀ known. */
export interface SpectralMatrix {
  /** The order n. */
  n: number;
  /** A, n×n row-major, exactly symmetric (aᵢⱼ and aⱼᵢ are the same double). */
  matrix: Float64Array;
  /** λ, ascending. */
  eigenvalues: Float64Array;
  /** The orthonormal eigenvectors: `eigenvectors[k]` belongs to `eigenvalues[k]` (to rounding). */
  eigenvectors: Float64Array[];
}

/** Householder vectors with ‖u‖² below this are skipped (the reflection would be ill-defined). */
const MIN_REFLECTOR_NORM2 = 1e-6;

/** Q = H₁ H₂ … H_m from Householder vectors uₖ (rows of `us`), Hₖ = I − 2uₖuₖᵀ/‖uₖ‖², row-major n×n. */
function householderProduct(n: number, us: readonly number[]): Float64Array {
  const Q = new Float64Array(n * n);
  for (let i = 0; i < n; i++) Q[i * n + i] = 1;
  const qu = new Float64Array(n);
  for (let k = 0; k * n < us.length; k++) {
    let uu = 0;
    for (let j = 0; j < n; j++) uu += (us[k * n + j] as number) ** 2;
    if (!(uu >= MIN_REFLECTOR_NORM2)) continue;
    const tau = 2 / uu;
    // Q ← Q (I − τ u uᵀ) = Q − τ (Q u) uᵀ.
    for (let i = 0; i < n; i++) {
      let s = 0;
      for (let j = 0; j < n; j++) s += (Q[i * n + j] as number) * (us[k * n + j] as number);
      qu[i] = tau * s;
    }
    for (let i = 0; i < n; i++) {
      for (let j = 0; j < n; j++) Q[i * n + j] = (Q[i * n + j] as number) - (qu[i] as number) * (us[k * n + j] as number);
    }
  }
  return Q;
}

const reflectorEntries = (n: number): fc.Arbitrary<number[]> => fc.array(fc.double({ min: -1, max: 1, noNaN: true }), { minLength: n * n, maxLength: n * n });

/**
 * Random n×n orthogonal matrices Q (row-major): products of n Householder reflections
 * I − 2uuᵀ/‖u‖² with u drawn by fast-check from [−1, 1]ⁿ (reflections with ‖u‖² < 1e-6 are
 * skipped). Orthogonal to rounding (‖QᵀQ − I‖ ~ n·ε). Shrinks towards the identity. Not
 * Haar-distributed: it is meant to rotate test matrices, not to sample O(n) uniformly.
 *
 * @example
 * fc.assert(fc.property(orthogonalMatrix(3), (Q) => Math.abs(Q[0] ** 2 + Q[3] ** 2 + Q[6] ** 2 - 1) < 1e-14));
 */
export function orthogonalMatrix(n: number): fc.Arbitrary<Float64Array> {
  checkPositiveInteger('n', n);
  return reflectorEntries(n).map((us) => householderProduct(n, us));
}

function spectralFrom(n: number, spectrum: Float64Array, Q: Float64Array): SpectralMatrix {
  const order = Array.from({ length: n }, (_, i) => i).sort((p, q) => (spectrum[p] as number) - (spectrum[q] as number));
  const A = new Float64Array(n * n);
  for (let i = 0; i < n; i++) {
    for (let j = i; j < n; j++) {
      let s = 0;
      for (let k = 0; k < n; k++) s += (Q[i * n + k] as number) * (spectrum[k] as number) * (Q[j * n + k] as number);
      A[i * n + j] = s;
      A[j * n + i] = s;
    }
  }
  const eigenvalues = new Float64Array(n);
  const eigenvectors: Float64Array[] = [];
  order.forEach((k, r) => {
    eigenvalues[r] = spectrum[k] as number;
    const v = new Float64Array(n);
    for (let i = 0; i < n; i++) v[i] = Q[i * n + k] as number;
    eigenvectors.push(v);
  });
  return { n, matrix: A, eigenvalues, eigenvectors };
}

/**
 * Symmetric matrices with exactly the given spectrum: A = Q diag(λ) Qᵀ with Q from
 * {@link orthogonalMatrix}. The eigenvalues of the returned matrix equal `spectrum` (sorted) to
 * rounding, |λ̂ − λ| ≲ n·ε·max|λ|. O(n³) per draw.
 *
 * @example
 * fc.assert(fc.property(symmetricMatrixWithSpectrum([-1, 2, 5]), ({ matrix }) => {
 *   const tr = matrix[0] + matrix[4] + matrix[8]; return Math.abs(tr - 6) < 1e-12;
 * }));
 */
export function symmetricMatrixWithSpectrum(spectrum: Float64Array | readonly number[]): fc.Arbitrary<SpectralMatrix> {
  const lam = Float64Array.from(checkVector('spectrum', spectrum));
  const n = lam.length;
  if (n < 1) throw new RangeError('spectrum: expected at least one eigenvalue, received length 0');
  return orthogonalMatrix(n).map((Q) => spectralFrom(n, lam, Q));
}

/** Options of {@link symmetricMatrix} and {@link spdMatrix}. */
export interface SpectrumRangeOptions {
  /** Smallest eigenvalue allowed. Default −10 for `symmetricMatrix`, 0.1 for `spdMatrix` (must be > 0 there). */
  minEigenvalue?: number;
  /** Largest eigenvalue allowed. Default 10. */
  maxEigenvalue?: number;
}

function spectrumRange(n: number, lo: number, hi: number): fc.Arbitrary<SpectralMatrix> {
  return fc.tuple(fc.array(fc.double({ min: lo, max: hi, noNaN: true }), { minLength: n, maxLength: n }), reflectorEntries(n)).map(([ev, us]) =>
    spectralFrom(
      n,
      Float64Array.from(ev, (x) => (Object.is(x, -0) ? 0 : x)),
      householderProduct(n, us),
    ),
  );
}

function readRange(opts: SpectrumRangeOptions, defLo: number, positive: boolean): [number, number] {
  const lo = positive
    ? checkPositive('options.minEigenvalue', opts.minEigenvalue ?? defLo)
    : checkFiniteNumber('options.minEigenvalue', opts.minEigenvalue ?? defLo);
  const hi = checkFiniteNumber('options.maxEigenvalue', opts.maxEigenvalue ?? 10);
  if (!(hi >= lo)) throw new RangeError(`options.maxEigenvalue: expected a number ≥ options.minEigenvalue = ${lo}, received ${describeValue(hi)}`);
  return [lo, hi];
}

/**
 * Random symmetric n×n matrices (definite or not), eigenvalues drawn by fast-check from
 * [minEigenvalue, maxEigenvalue] and rotated by {@link orthogonalMatrix}; the spectrum comes with
 * the draw. O(n³) per draw.
 *
 * @example
 * fc.assert(fc.property(symmetricMatrix(4), ({ matrix, eigenvalues }) => ...));
 */
/** The checked options of a spectrum range (no unknown keys). */
function knownRange(options: SpectrumRangeOptions | undefined): SpectrumRangeOptions {
  const o = checkOptions('options', options);
  checkKnownOptions('options', o, ['maxEigenvalue', 'minEigenvalue']);
  return o;
}

export function symmetricMatrix(n: number, options?: SpectrumRangeOptions): fc.Arbitrary<SpectralMatrix> {
  checkPositiveInteger('n', n);
  const [lo, hi] = readRange(knownRange(options), -10, false);
  return spectrumRange(n, lo, hi);
}

/**
 * Random symmetric positive-definite n×n matrices: eigenvalues in [minEigenvalue, maxEigenvalue]
 * with minEigenvalue > 0 (default [0.1, 10], so condition number ≤ 100), rotated by
 * {@link orthogonalMatrix}. O(n³) per draw.
 *
 * @example
 * fc.assert(fc.property(spdMatrix(3, { minEigenvalue: 1, maxEigenvalue: 2 }), ({ matrix }) => matrix[0] >= 1));
 */
export function spdMatrix(n: number, options?: SpectrumRangeOptions): fc.Arbitrary<SpectralMatrix> {
  checkPositiveInteger('n', n);
  const [lo, hi] = readRange(knownRange(options), 0.1, true);
  return spectrumRange(n, lo, hi);
}

/** Options of {@link parameterVector}. */
export interface ParameterVectorOptions {
  /** Coordinates are drawn from [−scale, scale]. Default 1. */
  scale?: number;
}

/**
 * Parameter vectors x ∈ [−scale, scale]^dim as Float64Array (finite, no NaN; shrinks towards 0).
 *
 * @example
 * fc.assert(fc.property(parameterVector(3, { scale: 2 }), (x) => x.length === 3));
 */
export function parameterVector(dim: number, options?: ParameterVectorOptions): fc.Arbitrary<Float64Array> {
  checkPositiveInteger('dim', dim);
  const o = checkOptions('options', options);
  checkKnownOptions('options', o, ['scale']);
  const s = checkPositive('options.scale', o.scale ?? 1);
  return fc.array(fc.double({ min: -s, max: s, noNaN: true }), { minLength: dim, maxLength: dim }).map((a) => Float64Array.from(a));
}

/** Options of {@link pointCloud}. */
export interface PointCloudOptions {
  /** Dimension d of each point. Required. */
  dim: number;
  /** Fewest points. Default 1. */
  minPoints?: number;
  /** Most points. Default 20. */
  maxPoints?: number;
  /** Coordinates are drawn from [−scale, scale]. Default 1. */
  scale?: number;
}

/**
 * Point clouds: ndarrays of shape [n, dim] over a Float64Array (the library's `Points`), with
 * minPoints ≤ n ≤ maxPoints and coordinates in [−scale, scale]. Points may repeat (fast-check
 * likes to shrink to duplicates): code that needs distinct points must say so in its own filter.
 *
 * @example
 * fc.assert(fc.property(pointCloud({ dim: 2, maxPoints: 5 }), (p) => p.shape[1] === 2));
 */
export function pointCloud(options: PointCloudOptions): fc.Arbitrary<Points> {
  const opts = checkOptions('options', options);
  checkKnownOptions('options', opts, ['dim', 'maxPoints', 'minPoints', 'scale']);
  const d = checkPositiveInteger('options.dim', opts.dim);
  const lo = checkPositiveInteger('options.minPoints', opts.minPoints ?? 1);
  const hi = checkInteger('options.maxPoints', opts.maxPoints ?? Math.max(20, lo), lo);
  const s = checkPositive('options.scale', opts.scale ?? 1);
  return fc
    .integer({ min: lo, max: hi })
    .chain((n) =>
      fc.array(fc.double({ min: -s, max: s, noNaN: true }), { minLength: n * d, maxLength: n * d }).map((a) => ndarray(Float64Array.from(a), [n, d])),
    );
}

/** An objective with exact `hvp` and dense `hessian`, as every landscape of this library has. */
export interface LandscapeObjective extends Objective {
  hvp(x: Float64Array, v: Float64Array, out?: Float64Array): Float64Array;
  hessian(x: Float64Array): Float64Array;
}

/** A drawn landscape and a point in its interesting region. */
export interface LandscapeCase {
  /** `'quadratic' | 'doubleWell' | 'styblinskiTang' | 'mullerBrown' | 'rosenbrock'`. */
  name: LandscapeName;
  objective: LandscapeObjective;
  /** A point where the landscape is worth probing (see {@link landscape}). */
  point: Float64Array;
}

/** The landscapes {@link landscape} draws from. */
export type LandscapeName = 'quadratic' | 'doubleWell' | 'styblinskiTang' | 'mullerBrown' | 'rosenbrock';

const LANDSCAPE_NAMES: readonly LandscapeName[] = ['quadratic', 'doubleWell', 'styblinskiTang', 'mullerBrown', 'rosenbrock'];

/** Options of {@link landscape}. */
export interface LandscapeOptions {
  /** Largest dimension drawn (Müller–Brown is always 2-D, Rosenbrock at least 2-D). Default 4. */
  maxDim?: number;
  /** Which landscapes to draw from. Default all five. */
  names?: readonly LandscapeName[];
}

/**
 * Random landscapes with random parameters, each with a point to probe:
 * - `quadratic`: H symmetric with eigenvalues in [−5, 5] (from {@link symmetricMatrix}), centre in
 *   [−2, 2]^d, point in [−3, 3]^d;
 * - `doubleWell`: barrier in [0.05, 5], curvature k in [0.1, 10], saddle curvature −k/2 (quartic) or
 *   drawn from [−k/2, −k/200] (sextic), a random unit direction, transverse curvatures in
 *   [0.1, 20], point in [−1.5a, 1.5a]^d (a = minimum's distance from the saddle);
 * - `styblinskiTang`: point in [−5, 5]^d; `rosenbrock` (d ≥ 2): point in [−2, 2]^d;
 * - `mullerBrown`: point in [−1.5, 1.2] × [−0.5, 2].
 *
 * @example
 * fc.assert(fc.property(landscape(), ({ objective, point }) => Number.isFinite(objective.value(point))));
 */
export function landscape(options?: LandscapeOptions): fc.Arbitrary<LandscapeCase> {
  const opts = checkOptions('options', options);
  checkKnownOptions('options', opts, ['maxDim', 'names']);
  const maxDim = checkPositiveInteger('options.maxDim', opts.maxDim ?? 4);
  const names = opts.names ?? LANDSCAPE_NAMES;
  if (!Array.isArray(names) || names.length === 0) {
    throw new RangeError(`options.names: expected a non-empty array of landscape names, received ${describeValue(names)}`);
  }
  for (const nm of names as readonly unknown[]) {
    if (!(LANDSCAPE_NAMES as readonly unknown[]).includes(nm)) {
      throw new RangeError(`options.names: expected names among ${LANDSCAPE_NAMES.map((x) => `'${x}'`).join(', ')}, received ${describeValue(nm)}`);
    }
  }
  const dims = fc.integer({ min: 1, max: maxDim });
  const box = (d: number, lo: number, hi: number): fc.Arbitrary<Float64Array> =>
    fc.array(fc.double({ min: lo, max: hi, noNaN: true }), { minLength: d, maxLength: d }).map((a) => Float64Array.from(a));
  const make: Record<LandscapeName, () => fc.Arbitrary<LandscapeCase>> = {
    quadratic: () =>
      dims.chain((d) =>
        fc.tuple(symmetricMatrix(d, { minEigenvalue: -5, maxEigenvalue: 5 }), box(d, -2, 2), box(d, -3, 3)).map(([h, c, p]) => ({
          name: 'quadratic' as const,
          objective: quadratic({ hessian: h.matrix, center: c }),
          point: p,
        })),
      ),
    doubleWell: () =>
      dims.chain((d) =>
        fc
          .tuple(
            fc.double({ min: 0.05, max: 5, noNaN: true }),
            fc.double({ min: 0.1, max: 10, noNaN: true }),
            box(d, -1, 1).filter((u) => u.some((x) => Math.abs(x) > 0.1)),
            box(Math.max(d - 1, 0), 0.1, 20),
            box(d, -1.5, 1.5),
            fc.option(fc.double({ min: 0.01, max: 1, noNaN: true })),
          )
          .map(([barrier, curvature, u, transverse, p, frac]) => {
            let n = 0;
            for (const x of u) n += x * x;
            n = Math.sqrt(n);
            const direction = u.map((x) => x / n);
            const curvatureSaddle = frac === null ? undefined : (-frac * curvature) / 2;
            const objective = doubleWell({ barrier, curvature, curvatureSaddle, direction, transverse });
            return { name: 'doubleWell' as const, objective, point: p.map((x) => x * objective.location) };
          }),
      ),
    styblinskiTang: () => dims.chain((d) => box(d, -5, 5).map((p) => ({ name: 'styblinskiTang' as const, objective: styblinskiTang(d), point: p }))),
    rosenbrock: () =>
      fc
        .integer({ min: 2, max: Math.max(2, maxDim) })
        .chain((d) => box(d, -2, 2).map((p) => ({ name: 'rosenbrock' as const, objective: rosenbrock(d), point: p }))),
    mullerBrown: () =>
      fc.tuple(fc.double({ min: -1.5, max: 1.2, noNaN: true }), fc.double({ min: -0.5, max: 2, noNaN: true })).map(([px, py]) => ({
        name: 'mullerBrown' as const,
        objective: mullerBrown(),
        point: Float64Array.of(px, py),
      })),
  };
  return fc.oneof(...(names as readonly LandscapeName[]).map((nm) => make[nm]()));
}
