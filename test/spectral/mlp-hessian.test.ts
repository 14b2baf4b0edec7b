import { describe, it, expect } from 'vitest';
import { mlp } from '../../src/objectives/mlp';
import { hessianOperator } from '../../src/spectral/hessian-operator';
import { lanczos } from '../../src/spectral/lanczos';
import { powerIteration } from '../../src/spectral/power-iteration';
import { symmetricEigen } from '../../src/core/symmetric-eigen';
import { createRng } from '../../src/random/rng';

describe('Hessian spectrum of an MLP', () => {
  const rng = createRng(600);
  const N = 24;
  const features = Array.from({ length: N }, () => [rng.normal(), rng.normal(), rng.normal()]);
  const targets = Array.from({ length: N }, () => [rng.normal(), rng.normal()]);
  const net = mlp({ layers: [3, 6, 2], activation: 'tanh', features, targets });
  const theta = net.initialParameters(1);
  const d = net.dim;
  // Dense reference: the model's Hessian (assembled from d exact HVPs), symmetrised (its rounding
  // asymmetry ~ε‖H‖ is not what is tested here), then ml-matrix's eigen-decomposition.
  const Hraw = net.hessian(theta);
  const H = new Float64Array(d * d);
  for (let i = 0; i < d; i++) for (let j = 0; j < d; j++) H[i * d + j] = 0.5 * ((Hraw[i * d + j] as number) + (Hraw[j * d + i] as number));
  const ref = symmetricEigen(H).values;
  let hnorm = 0;
  for (const l of ref) hnorm = Math.max(hnorm, Math.abs(l));
  // Rounding of the dense reference and of the HVPs: ~d·ε·‖H‖ (factor 100 for the constants).
  const round = 100 * d * Number.EPSILON * hnorm;

  it('top-k and bottom-k by Lanczos on hessianOperator equal the dense eigen-decomposition of hessian(x)', () => {
    const k = 4;
    const op = hessianOperator(net, theta);
    const top = lanczos(op, { k, which: 'largest', tol: 1e-10, seed: 1 });
    const bottom = lanczos(op, { k, which: 'smallest', tol: 1e-10, seed: 1 });
    expect(top.converged && bottom.converged).toBe(true);
    // The MLP Hessian is indefinite at a random initialisation: both ends are informative.
    expect(ref[0]).toBeLessThan(0);
    for (let i = 0; i < k; i++) {
      // Bauer–Fike: |θ − λ| ≤ residual, plus rounding.
      expect(Math.abs((top.values[i] as number) - (ref[d - 1 - i] as number))).toBeLessThanOrEqual((top.residuals[i] as number) + round);
      expect(Math.abs((bottom.values[i] as number) - (ref[i] as number))).toBeLessThanOrEqual((bottom.residuals[i] as number) + round);
    }
  });

  it('the finite-difference operator agrees within its truncation error', () => {
    // Central differences: error O(h²‖∇⁴L‖ + ε‖∇L‖/h) ≈ 1e-9·‖H‖ at the default step; the top
    // eigenvalue moves by at most ‖H_fd − H‖ (Weyl), bounded here by 10× that estimate.
    const fd = lanczos(hessianOperator(net, theta, { method: 'finite-difference' }), { k: 1, which: 'largest', tol: 1e-9, seed: 1 });
    expect(Math.abs((fd.values[0] as number) - (ref[d - 1] as number))).toBeLessThanOrEqual((fd.residuals[0] as number) + 1e-8 * hnorm);
  });

  it('power iteration finds the eigenvalue of largest magnitude', () => {
    const p = powerIteration(hessianOperator(net, theta), { k: 1, tol: 1e-9, maxIterations: 20000, seed: 2 });
    const byMag = Array.from(ref).sort((a, b) => Math.abs(b) - Math.abs(a));
    expect(p.converged).toBe(true);
    expect(Math.abs((p.values[0] as number) - (byMag[0] as number))).toBeLessThanOrEqual((p.residuals[0] as number) + round);
  });
});
