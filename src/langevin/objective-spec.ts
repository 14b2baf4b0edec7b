/**
 * Serialisable descriptions of objectives and stop predicates, which a worker thread rebuilds:
 * the library's own landscapes by name and options, a user's code as a module specifier plus an
 * export name. @internal
 *
 * @module
 */
import { checkObjective, checkOneOf, checkOptions, checkKnownOptions } from '../core/checks';
import { describeValue } from '../core/errors';
import type { Objective } from '../core/types';
import { doubleWell, type DoubleWellOptions } from '../objectives/double-well';
import { doubleWellFiniteSum, type DoubleWellFiniteSumOptions } from '../objectives/double-well-finite-sum';
import { mullerBrown } from '../objectives/muller-brown';
import { quadratic, type QuadraticOptions } from '../objectives/quadratic';
import { rosenbrock } from '../objectives/rosenbrock';
import { styblinskiTang } from '../objectives/styblinski-tang';
import type { StopPredicate } from './types';
import { exp } from '../core/elementary/index';

/** One of the library's landscapes by name, with the (JSON-ready) options of its factory. */
export type BuiltinObjectiveSpec =
  | { builtin: 'doubleWell'; options?: DoubleWellOptions }
  | { builtin: 'doubleWellFiniteSum'; options?: DoubleWellFiniteSumOptions }
  | { builtin: 'mullerBrown' }
  | { builtin: 'quadratic'; options: QuadraticOptions }
  | { builtin: 'rosenbrock'; dim: number }
  | { builtin: 'styblinskiTang'; dim: number };

/**
 * A user's code that a worker can load: `import(module)[exportName]`, which is the value itself
 * (an `Objective`, a stop predicate) or a factory called with `args` (JSON-ready) that returns it.
 * `module` is a specifier that `import()` resolves from the library's own files: a package name or
 * an absolute `file://` URL.
 */
export interface ModuleExportSpec {
  module: string;
  export: string;
  args?: readonly unknown[];
}

/** An objective as a serialisable description. */
export type ObjectiveSpec = BuiltinObjectiveSpec | ModuleExportSpec;

const BUILTINS = ['doubleWell', 'doubleWellFiniteSum', 'mullerBrown', 'quadratic', 'rosenbrock', 'styblinskiTang'] as const;

/** Whether `v` looks like a description (a plain object with `builtin` or `module`) rather than an objective. @internal */
export function isSpec(v: unknown): v is ObjectiveSpec {
  return v !== null && typeof v === 'object' && ('builtin' in v || 'module' in v) && typeof (v as { value?: unknown }).value !== 'function';
}

async function loadExport(name: string, spec: ModuleExportSpec): Promise<unknown> {
  const s = checkOptions(name, spec);
  checkKnownOptions(name, s, ['args', 'export', 'module']);
  if (typeof s.module !== 'string' || s.module.length === 0)
    throw new TypeError(`${name}.module: expected a module specifier, received ${describeValue(s.module)}`);
  if (typeof s.export !== 'string') throw new TypeError(`${name}.export: expected an export name, received ${describeValue(s.export)}`);
  const mod = (await import(/* @vite-ignore */ s.module)) as Record<string, unknown>;
  if (!(s.export in mod))
    throw new TypeError(`${name}.export: expected an export of ${s.module}, received ${describeValue(s.export)} (exports: ${Object.keys(mod).join(', ')})`);
  const value = mod[s.export];
  if (s.args !== undefined) {
    if (typeof value !== 'function')
      throw new TypeError(`${name}.args: expected ${s.module}#${s.export} to be a factory function, received ${describeValue(value)}`);
    return (value as (...a: unknown[]) => unknown)(...s.args);
  }
  return value;
}

/** Builds the objective a description names. @internal */
export async function resolveObjectiveSpec(name: string, spec: ObjectiveSpec): Promise<Objective> {
  if ('module' in spec) return checkObjective(await loadExport(name, spec));
  const which = checkOneOf(`${name}.builtin`, spec.builtin, BUILTINS);
  const s = spec as { options?: unknown; dim?: number };
  switch (which) {
    case 'doubleWell':
      return doubleWell(s.options as DoubleWellOptions | undefined);
    case 'doubleWellFiniteSum':
      return doubleWellFiniteSum(s.options as DoubleWellFiniteSumOptions | undefined);
    case 'mullerBrown':
      return mullerBrown();
    case 'quadratic':
      return quadratic(s.options as QuadraticOptions);
    case 'rosenbrock':
      return rosenbrock(s.dim as number);
    case 'styblinskiTang':
      return styblinskiTang(s.dim as number);
  }
}

/** Loads a stop predicate from a description. @internal */
export async function resolveStopSpec(name: string, spec: ModuleExportSpec): Promise<StopPredicate> {
  const f = await loadExport(name, spec);
  if (typeof f !== 'function')
    throw new TypeError(`${name}: expected ${spec.module}#${spec.export} to be a predicate (x, step, time) => boolean, received ${describeValue(f)}`);
  return f as StopPredicate;
}

/** Müller–Brown's published parameters (as objectives/muller-brown.ts). */
const MB_A = [-200, -100, -170, 15];
const MB_a = [-1, -1, -6.5, 0.7];
const MB_b = [0, 0, 11, 0.6];
const MB_c = [-10, -10, -6.5, 0.7];
const MB_X0 = [1, 0, -0.5, -1];
const MB_Y0 = [0, 0.5, 1.5, 1];

/**
 * For a built-in landscape whose gradient the ensemble's inner loop can take without the
 * objective's argument checks and extra terms, that gradient — the same arithmetic in the same
 * order as the objective's own `gradient`, so the same bits (tested) — else null: the 1-D
 * `doubleWell` (w′(s) = s(2c₂ + s²(4c₄ + 6c₆s²))) and `mullerBrown` (its four exponentials, without
 * the Hessian terms). @internal
 */
export function fastGradient(spec: ObjectiveSpec | null, objective: Objective): ((x: Float64Array, g: Float64Array) => void) | null {
  if (spec === null || 'module' in spec) return null;
  if (spec.builtin === 'doubleWell' && objective.dim === 1) {
    const o = objective as ReturnType<typeof doubleWell>;
    // The profile's coefficients, computed as doubleWell computes them.
    const curvature = o.curvatureMin;
    const kappa = -o.curvatureSaddle;
    const a2 = (24 * o.barrier) / (curvature + 4 * kappa);
    const c2 = -kappa / 2;
    const c4 = (4 * kappa - curvature) / (8 * a2);
    const c6 = (curvature - 2 * kappa) / (12 * a2 * a2);
    if ((o.direction[0] as number) !== 1) return null;
    return (x, g) => {
      const s = x[0] as number;
      const q = s * s;
      g[0] = 0 + s * (2 * c2 + q * (4 * c4 + 6 * c6 * q)); // 0 + …: +0 at s = 0, as the objective
    };
  }
  if (spec.builtin === 'mullerBrown') {
    return (x, g) => {
      const px = x[0] as number;
      const py = x[1] as number;
      let gx = 0;
      let gy = 0;
      for (let k = 0; k < 4; k++) {
        const ak = MB_a[k] as number;
        const bk = MB_b[k] as number;
        const ck = MB_c[k] as number;
        const dx = px - (MB_X0[k] as number);
        const dy = py - (MB_Y0[k] as number);
        const E = (MB_A[k] as number) * exp(ak * dx * dx + bk * dx * dy + ck * dy * dy);
        gx += E * (2 * ak * dx + bk * dy);
        gy += E * (bk * dx + 2 * ck * dy);
      }
      g[0] = gx;
      g[1] = gy;
    };
  }
  return null;
}
