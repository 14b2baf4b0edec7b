/**
 * The missed-eigenvalue check of thick-restart Lanczos (internal: used by `lanczos-core.ts`, not
 * re-exported from the module index).
 *
 * A single-vector Krylov method can converge on k′ Ritz values and miss a copy of a repeated or
 * tightly clustered eigenvalue. After convergence on X (the found unit vectors), a short Lanczos
 * run on P B P, P = I − XXᵀ, from a fresh random vector, looks for a Ritz value beyond the found
 * ones by more than margin = 2·max ρ + 64ε‖B‖ (ρ the found pairs' residuals): by interlacing, the
 * proof of an eigenvalue of B that the run missed. Its Ritz vectors for such values are the
 * directions to put into the basis. The run is a {@link LanczosBasis} of the 'mgs2' scheme with X
 * locked (two modified Gram–Schmidt passes against X and the check's own vectors per step), grown
 * by the same functions as the main iteration's basis; its projection is tridiagonal.
 *
 * @module
 */
import type { Rng } from '../random/rng';
import { absorbProduct, appendVector, combineBasis, createLanczosBasis, projectedTridiagonal } from './lanczos-basis';
import type { LanczosWhich } from './rayleigh-ritz';
import { tridiagonalEigen } from './tridiagonal-eigen';

const EPS = 2 ** -52;

/** What the check needs to know of the converged run. @internal */
export interface MissedEigenvalueCheckInput {
  /** Length of the vectors. */
  n: number;
  /** The found unit, mutually orthogonal vectors X, in rank order (for 'both': low, high, low, …). */
  found: readonly Float64Array[];
  /** Their Ritz values θ (of B), in the same order. */
  foundValues: ArrayLike<number>;
  /** Residual estimates of the found pairs (of B). */
  residualEstimates: ArrayLike<number>;
  /** True residuals ‖B x − θ x‖ of the found pairs, when known (not in shift-invert mode, where they are of A). */
  trueResiduals: ArrayLike<number> | null;
  /** Which end(s) were wanted ('magnitude' in shift-invert mode). */
  which: LanczosWhich;
  /** The ‖B‖ estimate. */
  normEstimate: number;
  /** Lanczos steps (operator applications) of the check: at most n − |X|, within the budget left. */
  steps: number;
  /** Stream of the start vector (one Gaussian vector is drawn, also when `steps` is 0). */
  rng: Rng;
  /** Checked before each step. */
  signal: AbortSignal | undefined;
}

/** What the check found. @internal */
export interface MissedEigenvalueCheckResult {
  /** The check's Ritz vectors (not normalised) whose Ritz values lie beyond the found ones; empty for an all-clear. */
  directions: Float64Array[];
  /** The signal was aborted before the check finished (`directions` is then empty). */
  aborted: boolean;
}

/**
 * Runs the check (see the module comment), yielding its operator applications through `apply`
 * (`apply(x, out)` writes B x into out; a generator, so that a synchronous and an asynchronous
 * driver share it). At most `steps` applications; the run stops early at breakdown (an invariant
 * subspace of P B P).
 *
 * @internal
 */
export function* missedEigenvalueCheck<R>(
  apply: (x: Float64Array, out: Float64Array) => Generator<R, void, void>,
  input: MissedEigenvalueCheckInput,
): Generator<R, MissedEigenvalueCheckResult, void> {
  const { n, found, foundValues, which, normEstimate, steps } = input;
  let maxRes = 0;
  for (let q = 0; q < found.length; q++) maxRes = Math.max(maxRes, input.residualEstimates[q] as number);
  if (input.trueResiduals) for (let q = 0; q < found.length; q++) maxRes = Math.max(maxRes, input.trueResiduals[q] as number);
  const margin = 2 * maxRes + 64 * EPS * normEstimate;
  // The boundary of the found set (for 'both' it interleaves the k lowest, at even positions, and
  // the k highest, at odd ones).
  let lowEdge = -Infinity; // largest of the found low values ('smallest', 'both')
  let highEdge = Infinity; // smallest of the found high values ('largest', 'both')
  let absEdge = Infinity; // smallest found |θ| ('magnitude')
  for (let q = 0; q < found.length; q++) {
    const th = foundValues[q] as number;
    absEdge = Math.min(absEdge, Math.abs(th));
    if (which === 'smallest' || (which === 'both' && q % 2 === 0)) lowEdge = Math.max(lowEdge, th);
    if (which === 'largest' || (which === 'both' && q % 2 === 1)) highEdge = Math.min(highEdge, th);
  }
  const beyond = (phi: number): boolean => (which === 'magnitude' ? Math.abs(phi) > absEdge + margin : phi < lowEdge - margin || phi > highEdge + margin);

  const none: MissedEigenvalueCheckResult = { directions: [], aborted: false };
  const basis = createLanczosBasis(n, { size: Math.max(0, steps), scheme: 'mgs2', locked: found });
  const start = input.rng.fillNormal(new Float64Array(n));
  if (!(steps > 0) || !appendVector(basis, start)) return none;
  const product = new Float64Array(n);
  for (let j = 0; j < steps && basis.c < basis.t; j++) {
    if (input.signal?.aborted) return { directions: [], aborted: true };
    yield* apply(basis.V[basis.c] as Float64Array, product);
    // The last step needs only its Rayleigh quotient α (no new direction).
    absorbProduct(basis, product, normEstimate, j < steps - 1);
  }
  // T = Qᵀ P B P Q is tridiagonal up to rounding: its off-diagonal entries are the βs.
  const { alpha, beta } = projectedTridiagonal(basis);
  const te = tridiagonalEigen(alpha, beta, { vectors: true });
  const directions: Float64Array[] = [];
  te.values.forEach((phi, i) => {
    if (!beyond(phi)) return;
    const y = (te.vectors as Float64Array[])[i] as Float64Array;
    directions.push(combineBasis(basis, y, new Float64Array(n)));
  });
  return { directions, aborted: false };
}
