/**
 * Progress of the command's experiments on stderr: on a terminal a one-line bar redrawn in place (at
 * most ~10 times a second); otherwise (a pipe, a CI log) plain lines: one at each quarter of an
 * experiment's progress, and one when a stage starts unless a line was written in the last 2 s, so a
 * log gets a few lines per stage, not hundreds, however often the experiment reports.
 *
 * @module
 */

/** Where progress goes and what it can do there. */
export interface ProgressOptions {
  readonly write: (s: string) => void;
  /** Whether `write` goes to a terminal (then a bar is drawn with carriage returns). */
  readonly isTTY: boolean;
  /** The terminal's width in columns (default 80). */
  readonly columns?: number;
  /** A clock in milliseconds (default performance.now), for the redraw throttle and the times printed. */
  readonly now?: () => number;
}

/** The progress of one run of several experiments. */
export interface Progress {
  /** An experiment starts: its position (1-based) among `count`. */
  readonly begin: (name: string, index: number, count: number) => void;
  /** The experiment's own onProgress(fraction, stage). */
  readonly update: (fraction: number, stage: string) => void;
  /** The experiment ended after `seconds`. */
  readonly end: (seconds: number) => void;
  /** Clears the bar (before other output, or on abort). */
  readonly clear: () => void;
}

/** A progress reporter for experiments, writing to `options.write`. */
export function createProgress(options: ProgressOptions): Progress {
  const { write, isTTY } = options;
  const columns = Math.max(40, options.columns ?? 80);
  const now = options.now ?? (() => performance.now());
  let prefix = '';
  let stage = '';
  let quarter = -1;
  let lastDraw = -Infinity;
  let drawn = false;
  const clear = () => {
    if (isTTY && drawn) write('\r\x1b[K');
    drawn = false;
  };
  const draw = (fraction: number) => {
    const pct = `${String(Math.round(fraction * 100)).padStart(3)}%`;
    const barWidth = 24;
    const filled = Math.round(fraction * barWidth);
    const bar = `[${'#'.repeat(filled)}${'.'.repeat(barWidth - filled)}]`;
    const text = `${prefix} ${bar} ${pct} ${stage}`;
    write(`\r${text.length > columns - 1 ? text.slice(0, columns - 2) + '…' : text}\x1b[K`);
    drawn = true;
  };
  return {
    begin(name, index, count) {
      prefix = `[${index}/${count}] ${name}`;
      stage = 'starting';
      quarter = -1;
      lastDraw = now();
      if (isTTY) draw(0);
      else write(`${prefix}: starting\n`);
    },
    update(fraction, newStage) {
      const f = Number.isFinite(fraction) ? Math.min(1, Math.max(0, fraction)) : 0;
      const s = typeof newStage === 'string' && newStage !== '' ? newStage : stage;
      if (isTTY) {
        const t = now();
        if (s !== stage || t - lastDraw >= 100) {
          stage = s;
          lastDraw = t;
          draw(f);
        }
        return;
      }
      const q = Math.floor(f * 4);
      const t = now();
      if (q > quarter || (s !== stage && t - lastDraw >= 2000)) {
        stage = s;
        quarter = Math.max(q, quarter);
        lastDraw = t;
        write(`${prefix}: ${String(Math.round(f * 100)).padStart(3)}% ${stage}\n`);
      }
    },
    end(seconds) {
      clear();
      write(`${prefix}: done in ${seconds.toFixed(1)} s\n`);
    },
    clear,
  };
}
