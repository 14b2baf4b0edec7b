/**
 * Reading a 1-D diffusion's fields from options: exactly one of `potential` and `drift`, and a
 * diffusion that is a positive number or a function of x. Shared by the grid solver and the exact
 * mean first-passage time. @internal
 *
 * @module
 */
import { checkFunction, checkPositive } from '../core/checks';

type ScalarField = (x: number) => number;

/** The checked fields of a 1-D diffusion. @internal */
export interface Field1d {
  potential: ScalarField | undefined;
  drift: ScalarField | undefined;
  /** The diffusion when it is a constant, else undefined (then `diffusionField` is set). */
  diffusionConstant: number | undefined;
  diffusionField: ScalarField | undefined;
}

/** Checks `options.potential | options.drift` (exactly one) and `options.diffusion`. @internal */
export function readField1d(o: { potential?: unknown; drift?: unknown; diffusion?: unknown }): Field1d {
  if ((o.potential === undefined) === (o.drift === undefined)) {
    throw new TypeError(`options: expected exactly one of potential and drift, received ${o.potential === undefined ? 'neither' : 'both'}`);
  }
  const potential = o.potential === undefined ? undefined : checkFunction<ScalarField>('options.potential', o.potential);
  const drift = o.drift === undefined ? undefined : checkFunction<ScalarField>('options.drift', o.drift);
  const diffusionConstant = typeof o.diffusion === 'number' ? checkPositive('options.diffusion', o.diffusion) : undefined;
  const diffusionField = diffusionConstant === undefined ? checkFunction<ScalarField>('options.diffusion', o.diffusion) : undefined;
  return { potential, drift, diffusionConstant, diffusionField };
}
