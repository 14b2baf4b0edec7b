/**
 * Serialisable descriptions of objectives and stop predicates, which a worker thread rebuilds:
 * the library's own landscapes by name and options, a user's code as a module specifier plus an
 * export name. @internal
 *
 * @module
 */
import { checkObjective, checkOneOf, checkOptions } from '../core/checks';
import { describeValue } from '../core/errors';
import type { Objective } from '../core/types';
import { doubleWell, type DoubleWellOptions } from '../objectives/double-well';
import { doubleWellFiniteSum, type DoubleWellFiniteSumOptions } from '../objectives/double-well-finite-sum';
import { mullerBrown } from '../objectives/muller-brown';
import { quadratic, type QuadraticOptions } from '../objectives/quadratic';
import { rosenbrock } from '../objectives/rosenbrock';
import { styblinskiTang } from '../objectives/styblinski-tang';
import type { StopPredicate } from './types';

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
