/**
 * The contract for long work, read once at an entry point's boundary: the checked `onProgress`
 * and `signal` of its options, and a reporter that calls `onProgress` at most ~100 times over the
 * run and then says whether the signal has fired (so aborting from inside the callback stops the
 * next unit of work). Used by every entry point that can run for seconds. @internal
 *
 * @module
 */
import { checkFunction, checkSignal } from './checks';

/** The checked `onProgress` and `signal` of a long-running entry point's options. @internal */
export interface LongRun<P> {
  onProgress: ((info: P) => void) | undefined;
  signal: AbortSignal | undefined;
  /** Reports every `every` units (and at the last), then says whether the signal has fired. */
  report(done: number, total: number, info: () => P): boolean;
  /** Whether the signal has fired. */
  aborted(): boolean;
}

/**
 * Reads `options.onProgress` (a function) and `options.signal` (an AbortSignal) and returns a
 * reporter that calls onProgress at most ~100 times over `total` units of work and checks the
 * signal after each unit (so aborting from inside the callback stops the next unit). @internal
 */
export function longRun<P>(opts: { onProgress?: (info: P) => void; signal?: AbortSignal }, prefix = 'options'): LongRun<P> {
  const onProgress = opts.onProgress === undefined ? undefined : checkFunction<(info: P) => void>(`${prefix}.onProgress`, opts.onProgress);
  const signal = checkSignal(`${prefix}.signal`, opts.signal);
  return {
    onProgress,
    signal,
    report(done: number, total: number, info: () => P): boolean {
      if (onProgress !== undefined) {
        const every = Math.max(1, Math.ceil(total / 100));
        if (done % every === 0 || done === total) onProgress(info());
      }
      return signal?.aborted === true;
    },
    aborted(): boolean {
      return signal?.aborted === true;
    },
  };
}
