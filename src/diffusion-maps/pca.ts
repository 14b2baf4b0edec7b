/**
 * Principal component analysis, the linear baseline of diffusion maps, through ml-pca: from the
 * d×d covariance matrix when d ≤ n, from the n×n Gram matrix when d > n (snapshots of a network's
 * parameters, where a d×d matrix would not fit).
 *
 * @module
 */
import ndarray from 'ndarray';
import { PCA } from 'ml-pca';
import { checkBoolean, checkInteger, checkKnownOptions, checkOneOf, checkOptions } from '../core/checks';
import { DimensionError } from '../core/errors';
import { toMlMatrix } from '../core/dense';
import type { Points, PointsLike } from '../core/types';
import { gramMatrix } from './distance-kernels';
import { pointMean, toPointMatrix } from './point-input';

/** Options of {@link pca}. */
export interface PcaOptions {
  /** Principal components to return, an integer in [1, min(n, d)]. Required. */
  components: number;
  /** Subtract the mean first (the usual PCA). Default true; false analyses the second moments about 0. */
  center?: boolean;
  /**
   * `'covariance'` (eigenvectors of the d×d covariance), `'gram'` (eigenvectors of the n×n Gram
   * matrix, mapped back) or `'auto'` (the default: `'gram'` when d > n). Both give the same result
   * up to rounding.
   */
  method?: 'auto' | 'covariance' | 'gram';
  /** Return the loadings (unit principal axes in R^d). Default: true when d ≤ 10,000. */
  loadings?: boolean;
}

/** Result of {@link pca}. */
export interface PcaResult {
  /** Explained variances λ₁ ≥ λ₂ ≥ … (eigenvalues of the covariance, denominator n − 1), `components` of them. */
  eigenvalues: Float64Array;
  /** λₖ / (total variance): the fraction of the variance each component explains (0 when the total is 0). */
  explainedVarianceRatio: Float64Array;
  /** The total variance Σₘ Var(xₘ) = trace of the covariance. */
  totalVariance: number;
  /** Principal coordinates (scores) (xᵢ − x̄)·vₖ, an ndarray [n, components]; each column has its largest-|entry| positive (ties within 10⁻⁸: the first). */
  coordinates: Points;
  /** Unit principal axes vₖ as the rows of an ndarray [components, d] (signs as `coordinates`; through the Gram matrix a zero row where λₖ is 0 to rounding, ≤ 64·n·ε·λ₁: the data do not determine it), or null when not asked for. */
  loadings: Points | null;
  /** The mean x̄ subtracted (zeros when `center` is false). */
  mean: Float64Array;
  /** The route that ran. */
  method: 'covariance' | 'gram';
}

/** Largest side of the dense eigenproblem {@link pca} solves (min(n, d) by default). */
export const PCA_MAX_SIDE = 5000;
/** Entries within this relative distance of the largest magnitude count as tied for the sign rule. */
const SIGN_TIE = 1e-8;
/** Up to this dimension loadings are returned by default. */
const LOADINGS_MAX_DIM = 10_000;

/** (Eigenvalues descending, eigenvectors as columns of an m×m row-major array) of the symmetric m×m `a`, through ml-pca. */
function eigenpairs(a: Float64Array, m: number): { values: Float64Array; vectors: Float64Array } {
  const model = new PCA(toMlMatrix(a, m), { isCovarianceMatrix: true });
  const raw = model.getEigenvalues();
  const U = model.getEigenvectors();
  const order = Array.from({ length: m }, (_, i) => i).sort((p, q) => (raw[q] as number) - (raw[p] as number) || p - q);
  const values = new Float64Array(m);
  const vectors = new Float64Array(m * m);
  for (let c = 0; c < m; c++) {
    const src = order[c] as number;
    values[c] = raw[src] as number;
    for (let r = 0; r < m; r++) vectors[r * m + c] = U.get(r, src);
  }
  return { values, vectors };
}

/**
 * Principal component analysis of n points in R^d: the eigen-decomposition of the covariance
 * S = Cᵀ C / (n − 1) of the centred points C (rows cᵢ = xᵢ − x̄), λ₁ ≥ λ₂ ≥ …, unit axes vₖ and
 * scores cᵢ·vₖ.
 *
 * When d ≤ n (or `method: 'covariance'`) S is formed (O(n·d²)) and decomposed by ml-pca (O(d³)).
 * When d > n (or `method: 'gram'`) the n×n Gram matrix G = C Cᵀ / (n − 1) is decomposed instead:
 * it has the same non-zero eigenvalues, its unit eigenvectors uₖ give the scores
 * uₖ·√((n − 1)λₖ) and the axes vₖ = Cᵀuₖ / √((n − 1)λₖ) (zero for λₖ = 0), in O(n²·d + n³) time
 * and O(n²) memory besides the points: 1000 snapshots in d = 100,000 never form a d×d matrix.
 * Signs are canonical: each coordinate column has its entry of largest magnitude positive (the first
 * entry within a relative 10⁻⁸ of the largest magnitude, so that rounding cannot flip a symmetric
 * cloud), and the axes follow. Refuses a dense problem larger than 5000
 * ({@link PCA_MAX_SIDE}); throws for n < 2.
 *
 * @param points - an ndarray [n, d] (e.g. a `Trajectory`'s `points`), `number[][]` or `Float64Array[]`.
 * @example
 * import { pca } from 'sgd-dynamics/diffusion-maps';
 * const r = pca([[-2, 0.1], [-1, -0.1], [0, 0], [1, 0.1], [2, -0.1]], { components: 1 });
 * // r.eigenvalues[0] ≈ 2.5 (the variance along x), r.explainedVarianceRatio[0] ≈ 0.998
 */
export function pca(points: PointsLike, options: PcaOptions): PcaResult {
  const opts = checkOptions('options', options);
  checkKnownOptions('options', opts, ['components', 'center', 'method', 'loadings']);
  const P = toPointMatrix('points', points);
  const { n, d, data: x } = P;
  if (n < 2) throw new DimensionError(`points: expected at least 2 points for a PCA, received ${n}`);
  const components = checkInteger('options.components', opts.components, 1, Math.min(n, d));
  const center = checkBoolean('options.center', opts.center ?? true);
  const requested = checkOneOf('options.method', opts.method ?? 'auto', ['auto', 'covariance', 'gram'] as const);
  const wantLoadings = checkBoolean('options.loadings', opts.loadings ?? d <= LOADINGS_MAX_DIM);
  const method = requested === 'auto' ? (d > n ? 'gram' : 'covariance') : requested;
  const side = method === 'gram' ? n : d;
  if (side > PCA_MAX_SIDE) {
    const name = requested === 'auto' ? 'points' : 'options.method';
    throw new DimensionError(
      `${name}: expected a ${method === 'gram' ? 'Gram' : 'covariance'} matrix of side ≤ ${PCA_MAX_SIDE} (min(n, d) through 'auto'), received n = ${n}, d = ${d}`,
    );
  }
  const mean = center ? pointMean(P) : new Float64Array(d);
  let total = 0;
  for (let i = 0; i < n; i++) {
    for (let m = 0; m < d; m++) {
      const v = (x[i * d + m] as number) - (mean[m] as number);
      total += v * v;
    }
  }
  total /= n - 1;
  const scores = new Float64Array(n * components);
  const axes = wantLoadings ? new Float64Array(components * d) : null;
  const values = new Float64Array(components);
  if (method === 'covariance') {
    const cov = new Float64Array(d * d);
    const row = new Float64Array(d);
    for (let i = 0; i < n; i++) {
      const o = i * d;
      for (let a = 0; a < d; a++) row[a] = (x[o + a] as number) - (mean[a] as number);
      for (let a = 0; a < d; a++) {
        const ca = row[a] as number;
        if (ca === 0) continue;
        for (let b = a; b < d; b++) cov[a * d + b] = (cov[a * d + b] as number) + ca * (row[b] as number);
      }
    }
    for (let a = 0; a < d; a++) {
      for (let b = a; b < d; b++) {
        const v = (cov[a * d + b] as number) / (n - 1);
        cov[a * d + b] = v;
        cov[b * d + a] = v;
      }
    }
    const eig = eigenpairs(cov, d);
    for (let kk = 0; kk < components; kk++) {
      values[kk] = Math.max(0, eig.values[kk] as number);
      for (let i = 0; i < n; i++) {
        let s = 0;
        for (let m = 0; m < d; m++) s += ((x[i * d + m] as number) - (mean[m] as number)) * (eig.vectors[m * d + kk] as number);
        scores[i * components + kk] = s;
      }
      if (axes !== null) for (let m = 0; m < d; m++) axes[kk * d + m] = eig.vectors[m * d + kk] as number;
    }
  } else {
    const g = new Float64Array(n * n);
    gramMatrix(x, center ? mean : null, n, d, g);
    for (let i = 0; i < n * n; i++) g[i] = (g[i] as number) / (n - 1);
    const eig = eigenpairs(g, n);
    // λ within the Gram eigensolver's rounding (~n·ε·λ₁) of 0 is 0: there uₖ is noise, and Cᵀuₖ/σₖ
    // would be neither unit nor orthogonal to the other axes (a rank-deficient cloud, components = n)
    const zeroTol = 64 * n * Number.EPSILON * Math.max(0, eig.values[0] as number);
    for (let kk = 0; kk < components; kk++) {
      const lambda = Math.max(0, eig.values[kk] as number);
      values[kk] = lambda;
      const sigma = lambda > zeroTol ? Math.sqrt((n - 1) * lambda) : 0;
      for (let i = 0; i < n; i++) scores[i * components + kk] = (eig.vectors[i * n + kk] as number) * sigma;
      if (axes !== null && sigma > 0) {
        const ao = kk * d;
        for (let i = 0; i < n; i++) {
          const w = (eig.vectors[i * n + kk] as number) / sigma;
          if (w === 0) continue;
          const o = i * d;
          for (let m = 0; m < d; m++) axes[ao + m] = (axes[ao + m] as number) + w * ((x[o + m] as number) - (mean[m] as number));
        }
      }
    }
  }
  for (let kk = 0; kk < components; kk++) {
    let best = 0;
    for (let i = 0; i < n; i++) best = Math.max(best, Math.abs(scores[i * components + kk] as number));
    let at = 0;
    while (at < n - 1 && Math.abs(scores[at * components + kk] as number) < (1 - SIGN_TIE) * best) at++;
    if ((scores[at * components + kk] as number) < 0) {
      for (let i = 0; i < n; i++) scores[i * components + kk] = -(scores[i * components + kk] as number);
      if (axes !== null) for (let m = 0; m < d; m++) axes[kk * d + m] = -(axes[kk * d + m] as number);
    }
  }
  const ratio = new Float64Array(components);
  for (let kk = 0; kk < components; kk++) ratio[kk] = total > 0 ? (values[kk] as number) / total : 0;
  return {
    eigenvalues: values,
    explainedVarianceRatio: ratio,
    totalVariance: total,
    coordinates: ndarray(scores, [n, components]),
    loadings: axes === null ? null : ndarray(axes, [components, d]),
    mean,
    method,
  };
}
