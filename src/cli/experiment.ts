/**
 * The contract between the `sgd-dynamics` command and its experiments: an experiment is a function
 * of a seed, a mode and a progress callback that returns plain data (key findings with their
 * uncertainty and the theory beside them, tables, and plots described by their marks); the command
 * renders that data to the terminal, `results.json`, a Markdown report, an HTML report and SVG
 * plots. Experiments never print, never touch the file system and never load a plotting library.
 *
 * @module
 */

/** How much work an experiment does: `tour` a few seconds, `quick` under 30 s on 2 cores, `full` the paper's sizes. */
export type ExperimentMode = 'tour' | 'quick' | 'full';

/** What the command hands an experiment. */
export interface ExperimentContext {
  /** The base seed (`--seed`, default 0); every random stream of the experiment derives from it. */
  readonly seed: number;
  readonly mode: ExperimentMode;
  /** Progress in [0, 1] with a short label of the current stage; called at most a few hundred times. */
  readonly onProgress?: (fraction: number, stage: string) => void;
  /** Aborts the run (Ctrl-C); the experiment then throws an `AbortError`-named error or returns early. */
  readonly signal?: AbortSignal;
}

/**
 * One key number of an experiment beside the theory it illustrates. `agrees` is computed by the
 * experiment from its stated tolerance (for example |value − theory| ≤ 4 standard errors, or the
 * theory slope inside the fit's 95% interval) and `criterion` says which.
 */
export interface Finding {
  readonly label: string;
  readonly value: number;
  /** Monte Carlo standard error or fit standard error of `value`, null when exact (a quadrature, a closed form). */
  readonly standardError: number | null;
  /** A 95% interval for `value` when one is known (censored estimates, fits), else null. */
  readonly interval: readonly [number, number] | null;
  /** The theory's value, null when the finding has none (then `agrees` is null too). */
  readonly theory: number | null;
  /** Where the theory value comes from, e.g. 'Kramers (Xie et al. eq. 8)'. */
  readonly theorySource: string | null;
  readonly agrees: boolean | null;
  /** How `agrees` was decided, e.g. '|value − theory| ≤ 4 SE'. */
  readonly criterion: string | null;
  readonly unit?: string;
}

/** A table: a header row and rows of cells (numbers are formatted by the renderer). */
export interface Table {
  readonly id: string;
  readonly title: string;
  readonly columns: readonly string[];
  readonly rows: readonly (readonly (string | number | null)[])[];
  readonly caption?: string;
}

/** A data row of a plot mark: field name → value. */
export type Datum = Readonly<Record<string, number | string | null>>;

/**
 * One layer of a plot, in the vocabulary of a grammar of graphics: `line` joins the rows of each
 * `series` in order, `dot` draws points, `ruleY`/`ruleX` draw reference lines at the `y`/`x` field,
 * `errorY` draws vertical error bars from `y1` to `y2` at `x`, `area` fills from `y1` to `y2`.
 */
export interface PlotMark {
  readonly type: 'line' | 'dot' | 'ruleX' | 'ruleY' | 'errorY' | 'area' | 'text';
  readonly data: readonly Datum[];
  readonly x?: string;
  readonly y?: string;
  readonly y1?: string;
  /** The upper field (`errorY`, `area`); an `errorY` datum whose upper value is null is drawn open: an arrow at y1. */
  readonly y2?: string;
  /** A field whose values name the series (colour and legend). */
  readonly series?: string;
  /** A numeric field mapped to a continuous colour scale (e.g. time along a trajectory). */
  readonly color?: string;
  /** For `text` marks: the field holding the label. */
  readonly text?: string;
  /** A constant stroke dash pattern for theory lines, e.g. '4,3'. */
  readonly dash?: string;
}

/** A plot described by its data, axes and marks; the command draws it to SVG. */
export interface PlotSpec {
  readonly id: string;
  readonly title: string;
  readonly x: { readonly label: string; readonly type?: 'linear' | 'log' };
  readonly y: { readonly label: string; readonly type?: 'linear' | 'log' };
  readonly marks: readonly PlotMark[];
  /** The legend title for `series`, or the colour bar title for `color`. */
  readonly colorLabel?: string;
  readonly caption?: string;
}

/** What an experiment returns: plain JSON-serialisable data (it becomes results.json). */
export interface ExperimentResult {
  readonly name: string;
  readonly title: string;
  /** The paper it reproduces, e.g. 'Xie, Sato & Sugiyama 2021'. */
  readonly paper: string;
  readonly mode: ExperimentMode;
  readonly seed: number;
  /** A paragraph saying what is shown and what the reader should see. */
  readonly summary: string;
  readonly findings: readonly Finding[];
  readonly tables: readonly Table[];
  readonly plots: readonly PlotSpec[];
  /** Caveats, parameters, what was not computed. */
  readonly notes: readonly string[];
  /** Wall time of the run in seconds (filled by the experiment). */
  readonly seconds: number;
}

/** An experiment the command can run by name. */
export interface Experiment {
  readonly name: 'escape' | 'limiting' | 'flow' | 'diffmap';
  readonly title: string;
  readonly paper: string;
  /** One line for `--help`. */
  readonly description: string;
  readonly run: (context: ExperimentContext) => Promise<ExperimentResult>;
}
