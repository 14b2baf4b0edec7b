/**
 * The bad-input fuzzer's engine: from a spec's valid arguments it derives the bad calls (each argument
 * and each option key replaced by NaN, ±Infinity, negative, zero, non-integer and huge numbers,
 * wrong lengths, empty arrays, NaN/Infinity entries, strings, null/undefined; options missing a key,
 * with an unknown or a misspelt key) and classifies what a call did. Runs inside the fuzz worker.
 *
 * @module
 */
import fc from 'fast-check';

/** One export's entry in the spec table. */
export interface FuzzSpec {
  /** Valid arguments (fresh on every call); the fuzzer replaces one piece at a time. */
  args?: () => unknown[];
  /** The names the error messages use for the positional arguments (e.g. ['objective', 'x0', 'options']). */
  names?: readonly string[];
  /** Indices of the arguments the function writes (outputs, in-place data): their entries are not fuzzed with NaN (no input). */
  mutated?: readonly number[];
  /** Indices of the arguments the fuzzer replaces by bad values (default: all). */
  mutate?: readonly number[];
  /** Paths (e.g. 'options.steps') whose huge values are legitimate long work, not an allocation: not fed 1e12. */
  work?: readonly string[];
  /** Paths not fuzzed at all (with the reason in a comment beside the entry). */
  skip?: readonly string[];
  /** Argument indices holding an options object, whose keys are fuzzed one by one (default: names containing 'options'). */
  options?: readonly number[];
  /** Other arguments an error may rightly name when a path is bad (a combination refused, e.g. a start inside a stop region). */
  related?: Readonly<Record<string, readonly string[]>>;
  /** Not a function to fuzz: a constant, an error class (checked for being what it claims instead). */
  kind?: 'constant' | 'class';
  /** Unknown option keys accepted are counted as 'accepted', not failed (an export owned elsewhere, pending its merge; say why beside it). */
  allowUnknownKeys?: true;
  /** A documented unchecked kernel (BLAS-1): its calls are run and counted but never fail the test. */
  unchecked?: true;
}

/** A bad call: the path that was replaced, a label for the bad value, and how to build the arguments. */
export interface FuzzCase {
  path: string;
  /** What an error message may name: the path, or (for a misspelt key) the key it stands for, or a related argument. */
  names: readonly string[];
  label: string;
  build: () => unknown[];
}

/** How a call ended. */
export type Outcome =
  | 'named-error' // RangeError/TypeError naming the argument: pass
  | 'flagged' // returned a result whose flags say it did not succeed: pass
  | 'accepted' // returned a finite, unflagged result (the bad value was usable, e.g. an optional key removed): pass
  | 'unclear-error' // RangeError/TypeError not naming the argument: fail
  | 'other-error' // any other exception: fail
  | 'silent-nan' // a NaN in an unflagged result: fail
  | 'silent-unknown-key' // an unknown or misspelt option key accepted: fail
  | 'timeout'; // fail

export const FAILURES: readonly Outcome[] = ['unclear-error', 'other-error', 'silent-nan', 'silent-unknown-key', 'timeout'];

const isPlainObject = (v: unknown): v is Record<string, unknown> =>
  v !== null && typeof v === 'object' && !Array.isArray(v) && !ArrayBuffer.isView(v) && Object.getPrototypeOf(v) === Object.prototype;

const isNumberArray = (v: unknown): v is number[] => Array.isArray(v) && v.length > 0 && v.every((e) => typeof e === 'number');
const isMatrix = (v: unknown): v is number[][] => Array.isArray(v) && v.length > 0 && v.every((r) => isNumberArray(r));

/** A few extra values drawn by fast-check at a fixed seed, so the bad numbers are not only the hand-picked ones. */
const drawnNegatives: readonly number[] = fc.sample(fc.oneof(fc.double({ min: -1e6, max: -1e-6, noNaN: true }), fc.integer({ min: -1e9, max: -1 })), {
  seed: 15,
  numRuns: 2,
});
const drawnNonIntegers: readonly number[] = fc.sample(
  fc.double({ min: 0.01, max: 50, noNaN: true }).filter((x) => !Number.isInteger(x)),
  {
    seed: 16,
    numRuns: 1,
  },
);

/** The bad replacements of one value, by its type. `huge` says whether 1e12-sized numbers are fed. */
function badValues(v: unknown, huge: boolean): [string, () => unknown][] {
  const common: [string, () => unknown][] = [
    ['null', () => null],
    ['undefined', () => undefined],
  ];
  if (typeof v === 'number') {
    const out: [string, () => unknown][] = [
      ['NaN', () => NaN],
      ['Infinity', () => Infinity],
      ['-Infinity', () => -Infinity],
      ['-1', () => -1],
      ['0', () => 0],
      ...drawnNegatives.map((x): [string, () => unknown] => [`${x}`, () => x]),
      ...drawnNonIntegers.map((x): [string, () => unknown] => [`${x}`, () => x]),
      ["'3'", () => '3'],
      ['{}', () => ({})],
      ...common,
    ];
    if (huge) out.push(['1e12', () => 1e12], ['1e300', () => 1e300]);
    return out;
  }
  if (v instanceof Float64Array || isNumberArray(v)) {
    const arr = Array.from(v);
    const wrap = (a: number[]): unknown => (v instanceof Float64Array ? Float64Array.from(a) : a);
    return [
      ['empty', () => wrap([])],
      ['length+1', () => wrap([...arr, 0.5])],
      ['NaN entry', () => wrap(arr.map((x, i) => (i === 0 ? NaN : x)))],
      ['Infinity entry', () => wrap(arr.map((x, i) => (i === arr.length - 1 ? Infinity : x)))],
      ['string entries', () => arr.map(() => 'a')],
      ["'abc'", () => 'abc'],
      ['3', () => 3],
      ...common,
    ];
  }
  if (isMatrix(v)) {
    const m = v.map((r) => [...r]);
    return [
      ['empty', () => []],
      ['ragged', () => m.map((r, i) => (i === 0 ? [...r, 1] : [...r]))],
      ['NaN entry', () => m.map((r, i) => r.map((x, j) => (i === 0 && j === 0 ? NaN : x)))],
      ['Infinity entry', () => m.map((r, i) => r.map((x, j) => (i === m.length - 1 && j === r.length - 1 ? Infinity : x)))],
      ['extra row', () => [...m.map((r) => [...r]), m[0]?.map(() => 1) ?? []]],
      ["'abc'", () => 'abc'],
      ...common,
    ];
  }
  if (typeof v === 'string') return [["'nope'", () => 'nope'], ["''", () => ''], ['3', () => 3], ...common];
  if (typeof v === 'boolean') return [["'yes'", () => 'yes'], ['1', () => 1], ...common];
  if (typeof v === 'function') return [["'f'", () => 'f'], ['3', () => 3], ['() => NaN', () => () => NaN], ...common];
  if (Array.isArray(v)) return [['empty', () => []], ["'abc'", () => 'abc'], ['[null]', () => [null]], ...common];
  return [['{}', () => ({})], ["'abc'", () => 'abc'], ['3', () => 3], ...common];
}

/** A misspelling of a key (one letter changed), for the did-you-mean check. */
function misspell(key: string): string {
  const i = Math.min(key.length - 1, 2);
  const c = key[i] === 'x' ? 'y' : 'x';
  return key.slice(0, i) + c + key.slice(i + 1);
}

/** Every bad call of a spec. */
export function fuzzCases(spec: FuzzSpec): FuzzCase[] {
  const args = spec.args;
  if (args === undefined) return [];
  const sample = args();
  const names = spec.names ?? sample.map((_, i) => `arg${i}`);
  const mutate = spec.mutate ?? sample.map((_, i) => i);
  const optionIdx = spec.options ?? names.flatMap((n, i) => (n.includes('options') ? [i] : []));
  const skip = new Set(spec.skip ?? []);
  const work = new Set(spec.work ?? []);
  const cases: FuzzCase[] = [];
  const setAt = (root: unknown[], keys: readonly (string | number)[], value: unknown, remove = false): unknown[] => {
    let parent: Record<string | number, unknown> = root as unknown as Record<string | number, unknown>;
    for (let j = 0; j < keys.length - 1; j++) {
      const k = keys[j] as string | number;
      const copy = { ...(parent[k] as object) } as Record<string, unknown>;
      parent[k] = copy;
      parent = copy;
    }
    const last = keys[keys.length - 1] as string | number;
    if (remove) Reflect.deleteProperty(parent, last);
    else parent[last] = value;
    return root;
  };
  const related = spec.related ?? {};
  const namesOf = (path: string, prefix?: string, key?: string): string[] => [
    path,
    ...(prefix !== undefined && key !== undefined ? [`${prefix}|${key}`] : []),
    ...(related[path] ?? []),
  ];
  const outputs = new Set((spec.mutated ?? []).map((i) => names[i]));
  const addValueCases = (path: string, keys: (string | number)[], v: unknown, prefix?: string, key?: string): void => {
    for (const [label, make] of badValues(v, !work.has(path))) {
      if (outputs.has(path) && (label === 'NaN entry' || label === 'Infinity entry')) continue;
      cases.push({ path, names: namesOf(path, prefix, key), label, build: () => setAt(args(), keys, make()) });
    }
  };
  const addOptionCases = (prefix: string, keys: (string | number)[], obj: Record<string, unknown>, depth: number): void => {
    cases.push({
      path: `${prefix}.zzUnknownKey`,
      names: [`${prefix}.zzUnknownKey`],
      label: 'unknown key',
      build: () => setAt(args(), [...keys, 'zzUnknownKey'], 1),
    });
    for (const [k, val] of Object.entries(obj)) {
      const path = `${prefix}.${k}`;
      if (skip.has(path)) continue;
      const bad = misspell(k);
      if (!(bad in obj))
        cases.push({
          path: `${prefix}.${bad}`,
          names: [`${prefix}.${bad}`, ...namesOf(path, prefix, k)],
          label: `misspelt ${k}`,
          build: () => setAt(setAt(args(), [...keys, k], undefined, true), [...keys, bad], val),
        });
      cases.push({ path, names: namesOf(path, prefix, k), label: 'missing', build: () => setAt(args(), [...keys, k], undefined, true) });
      if (depth < 2 && isPlainObject(val) && !('value' in val && typeof val.value === 'function')) addOptionCases(path, [...keys, k], val, depth + 1);
      else addValueCases(path, [...keys, k], val, prefix, k);
    }
  };
  for (const i of mutate) {
    const name = names[i] ?? `arg${i}`;
    if (skip.has(name)) continue;
    const v = sample[i];
    if (optionIdx.includes(i) && isPlainObject(v)) {
      cases.push({ path: name, names: [name], label: "'abc'", build: () => setAt(args(), [i], 'abc') });
      cases.push({ path: name, names: [name], label: '42', build: () => setAt(args(), [i], 42) });
      addOptionCases(name, [i], v, 1);
    } else addValueCases(name, [i], v);
  }
  return cases;
}

const FAILED_STOPS = new Set(['diverged', 'budget', 'stalled', 'step-size-too-small', 'aborted']);

/** Whether a result says it did not succeed (converged: false, a failed stopReason, or a false ok/accurate/passed flag). */
export function flaggedFailure(r: unknown, depth = 0): boolean {
  if (r === null || typeof r !== 'object' || depth > 2) return false;
  const o = r as Record<string, unknown>;
  if (o.converged === false || o.ok === false || o.passed === false || o.accurate === false || o.success === false) return true;
  if (typeof o.stopReason === 'string' && FAILED_STOPS.has(o.stopReason)) return true;
  for (const v of Object.values(o)) if (isPlainObject(v) && flaggedFailure(v, depth + 1)) return true;
  return false;
}

/** The path of the first NaN in a result (numbers, arrays, typed arrays, plain objects and ndarrays), or null. */
export function findNaN(r: unknown, path = 'result', depth = 0, seen = new Set<unknown>()): string | null {
  if (typeof r === 'number') return Number.isNaN(r) ? path : null;
  if (r === null || typeof r !== 'object' || depth > 4 || seen.has(r)) return null;
  seen.add(r);
  if (r instanceof Float64Array || r instanceof Float32Array) {
    const n = Math.min(r.length, 1e6);
    for (let i = 0; i < n; i++) if (Number.isNaN(r[i])) return `${path}[${i}]`;
    return null;
  }
  if (ArrayBuffer.isView(r)) return null;
  if (Array.isArray(r)) {
    for (let i = 0; i < Math.min(r.length, 1000); i++) {
      const p = findNaN(r[i], `${path}[${i}]`, depth + 1, seen);
      if (p !== null) return p;
    }
    return null;
  }
  const o = r as Record<string, unknown>;
  if ('data' in o && 'shape' in o) return findNaN(o.data, `${path}.data`, depth + 1, seen); // an ndarray
  for (const [k, v] of Object.entries(o)) {
    const p = findNaN(v, `${path}.${k}`, depth + 1, seen);
    if (p !== null) return p;
  }
  return null;
}

/**
 * Whether an error message names the argument: one of `names` appears in it (a path such as
 * 'options.lr', or a positional name), or for an entry 'prefix|key' both the parent path and the key
 * do ('options: expected exactly one of potential and drift' names options.potential).
 */
export function namesArgument(message: string, names: readonly string[]): boolean {
  return names.some((n) => {
    const bar = n.indexOf('|');
    return bar < 0 ? message.includes(n) : message.includes(n.slice(0, bar)) && message.includes(n.slice(bar + 1));
  });
}

/** For a returned objective (a `dim` and a `value` method): a NaN in its value or gradient at the origin, or null. */
function objectiveNaN(r: unknown): string | null {
  if (r === null || typeof r !== 'object') return null;
  const o = r as { dim?: unknown; value?: unknown; gradient?: unknown };
  if (typeof o.dim !== 'number' || !Number.isSafeInteger(o.dim) || o.dim < 1 || o.dim > 1e5 || typeof o.value !== 'function') return null;
  const x = new Float64Array(o.dim);
  try {
    const v: unknown = (o.value as (x: Float64Array) => unknown)(x);
    if (typeof v === 'number' && Number.isNaN(v)) return 'result.value(0)';
    if (typeof o.gradient === 'function') {
      const g: unknown = (o.gradient as (x: Float64Array) => unknown)(x);
      const p = findNaN(g, 'result.gradient(0)');
      if (p !== null) return p;
    }
  } catch {
    return null; // a method that refuses its input is not a silent NaN
  }
  return null;
}

/** Classifies one finished call. */
export function classify(names: readonly string[], label: string, threw: boolean, value: unknown): { outcome: Outcome; detail: string } {
  if (threw) {
    if (value instanceof RangeError || value instanceof TypeError) {
      return namesArgument(value.message, names) ? { outcome: 'named-error', detail: '' } : { outcome: 'unclear-error', detail: value.message.slice(0, 200) };
    }
    const msg = value instanceof Error ? `${value.name}: ${value.message}` : String(value);
    return { outcome: 'other-error', detail: msg.slice(0, 200) };
  }
  if (flaggedFailure(value)) return { outcome: 'flagged', detail: '' };
  if (label === 'unknown key' || label.startsWith('misspelt ')) return { outcome: 'silent-unknown-key', detail: 'an unknown option key was accepted' };
  const nan = findNaN(value) ?? objectiveNaN(value);
  if (nan !== null) return { outcome: 'silent-nan', detail: nan };
  return { outcome: 'accepted', detail: '' };
}
