import { describe, expect, it } from 'vitest';
import ndarray from 'ndarray';
import * as S from '../../src/spectral/index';
import { quadratic } from '../../src/objectives/quadratic';

/** Argument checks of the spectral module not triggered elsewhere: each names its argument. */
describe('spectral argument checks', () => {
  const f = quadratic({
    hessian: [
      [2, 0],
      [0, 1],
    ],
  });
  const dense = S.denseOperator([
    [2, 0],
    [0, 1],
  ]);
  const traj = {
    points: ndarray(new Float64Array([1, 1, 0.5, 0.5]), [2, 2]),
    times: new Float64Array([0, 1]),
    losses: new Float64Array(2),
    final: new Float64Array([0.5, 0.5]),
  };
  const identity = (_x: Float64Array, o: Float64Array) => o;

  it('operators', () => {
    expect(() => S.hessianOperator({ ...f, dim: 0 }, [0, 0])).toThrow(/objective.dim: expected an integer ≥ 1, received 0/);
    expect(() => S.operatorFromFunction(2, identity, { checkSymmetry: 'y' as never })).toThrow(/options.checkSymmetry: expected a boolean, received "y"/);
    expect(() => S.operatorFromFunction(2, identity, { checkSymmetry: true, symmetryTol: 0 })).toThrow(
      /options.symmetryTol: expected a positive number, received 0/,
    );
    expect(() => S.operatorFromFunction(2, identity, { checkSymmetry: true, seed: {} as never })).toThrow(
      /options.seed: expected a finite number or a string, received an object/,
    );
    expect(() => S.csrOperator({ dim: 1, rowPointers: 'x' as never, columnIndices: [0], values: [1] })).toThrow(TypeError);
    expect(() => S.csrOperator({ dim: 1, rowPointers: 'x' as never, columnIndices: [0], values: [1] })).toThrow(
      /matrix.rowPointers: expected an Int32Array, Uint32Array or array of integers, received "x"/,
    );
    expect(() => S.csrOperator({ dim: 1, rowPointers: [0, 1], columnIndices: [0], values: 'x' as never })).toThrow(
      /matrix.values: expected a Float64Array or an array of numbers, received "x"/,
    );
    expect(() => S.csrOperator({ dim: 1, rowPointers: [0, 1], columnIndices: [0], values: ['a'] as never })).toThrow(
      /matrix.values: expected a vector of numbers, received "a" at index 0/,
    );
  });

  it('Lanczos process, density and summaries', () => {
    expect(() => S.lanczosTridiagonal(null as never, new Float64Array(2), 2)).toThrow(
      /op: expected a SymmetricOperator \{ dim, apply\(x, out\) \}, received null/,
    );
    expect(() => S.lanczosTridiagonal(dense, new Float64Array([1, 0]), 2, { reorthogonalize: 1 as never })).toThrow(
      /options.reorthogonalize: expected a boolean, received 1/,
    );
    expect(() => S.spectralDensity(dense, { probes: 2, lanczosSteps: 2, deflate: { values: [1], vectors: 'x' } as never })).toThrow(
      /options.deflate.vectors: expected an array of Float64Array, received "x"/,
    );
    const both = [new Float64Array([1, 0]), new Float64Array([0, 1])];
    expect(() => S.spectralDensity(dense, { probes: 2, lanczosSteps: 2, deflate: { values: [1, 2], vectors: both } })).toThrow(
      /options.deflate.values: expected fewer than dim = 2 values, received 2/,
    );
    expect(() => S.hessianSummary(f, [1, 1], { maxMatvecs: 200, outlierGap: -1 })).toThrow(/options.outlierGap: expected a non-negative number, received -1/);
    expect(() => S.hessianSummary(f, [1, 1], { maxMatvecs: 200, tol: 0 })).toThrow(/options.tol: expected a positive number, received 0/);
    expect(() => S.hessianSummary(f, [1, 1], { maxMatvecs: 200, split: { eigen: -1 } as never })).toThrow(
      /options.split.trace: expected a finite number, received undefined/,
    );
    expect(() => S.sharpnessAlong(traj as never, f, { tol: 0 })).toThrow(/options.tol: expected a positive number, received 0/);
    expect(() => S.sharpnessAlong(traj as never, f, { maxMatvecs: 0 })).toThrow(/options.maxMatvecs: expected an integer ≥ 1, received 0/);
    expect(() => S.sharpnessAlong(traj as never, f, { warmStart: 1 as never })).toThrow(/options.warmStart: expected a boolean, received 1/);
    expect(() => S.sharpnessAlong(traj as never, f, { seed: {} as never })).toThrow(/options.seed: expected a finite number or a string, received an object/);
    expect(() => S.sharpnessAlong(traj as never, null as never)).toThrow(/objective: expected an Objective/);
    expect(() => S.powerIteration(dense, { seed: {} as never })).toThrow(/options.seed: expected a finite number or a string, received an object/);
    expect(() => S.hutchPlusPlus(dense, { maxMatvecs: 6, seed: {} as never })).toThrow(
      /options.seed: expected a finite number or a string, received an object/,
    );
  });
});
