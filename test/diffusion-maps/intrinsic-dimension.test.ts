import { describe, expect, it } from 'vitest';
import { intrinsicDimension } from '../../src/diffusion-maps/intrinsic-dimension';

const TAU = 2 * Math.PI;

/** The flat torus Tᵐ ⊂ R²ᵐ on a grid of `side`ᵐ points, (cos u₁, sin u₁, …). */
function flatTorus(m: number, side: number): number[][] {
  const out: number[][] = [];
  const total = side ** m;
  for (let i = 0; i < total; i++) {
    const p: number[] = [];
    let r = i;
    for (let a = 0; a < m; a++) {
      const u = (TAU * (r % side)) / side;
      r = Math.floor(r / side);
      p.push(Math.cos(u), Math.sin(u));
    }
    out.push(p);
  }
  return out;
}

describe('intrinsicDimension', () => {
  // Flat tori have no boundary and no curvature bias in the kernel sums: T ≈ n²(πε)^{m/2}/vol on
  // the plateau; what is left is the grid's discreteness (a few % at these sizes, shrinking with it).
  it.each([
    [1, 200, 0.05],
    [2, 24, 0.1],
    [3, 10, 0.1],
  ])('the flat torus T^%i (grid side %i) has dimension m within %f', (m, side, tol) => {
    const r = intrinsicDimension(flatTorus(m, side));
    expect(Math.abs(r.dimension - m)).toBeLessThan(tol);
    expect(r.epsilon).toBe(r.curve.epsilonAtMax);
  });

  it('reads the slope at a given ε (linear in log ε between grid nodes)', () => {
    const pts = flatTorus(2, 24);
    const top = intrinsicDimension(pts);
    const at = intrinsicDimension(pts, { epsilon: top.epsilon });
    expect(Math.abs(at.dimension - top.dimension)).toBeLessThan(0.05);
    // far below the smallest distance: T is flat, dimension 0
    expect(Math.abs(intrinsicDimension(pts, { epsilon: 1e-9 }).dimension)).toBeLessThan(1e-3);
  });

  it.each([
    ['ε ≤ 0', () => intrinsicDimension([[0], [1], [2]], { epsilon: 0 }), /options\.epsilon: expected a positive number/],
    ['an unknown option', () => intrinsicDimension([[0], [1]], { epsilonn: 1 } as never), /options\.epsilonn: unknown option; did you mean epsilon\?/],
    ['one point', () => intrinsicDimension([[0]]), /points: expected at least 2 points/],
    ['Infinity', () => intrinsicDimension([[0], [Infinity]]), /points: expected finite/],
  ])('bad input: %s', (_, f, message) => {
    expect(f).toThrow(message);
  });
});
