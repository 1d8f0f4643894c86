/**
 * Self-contained HTML reports and figures: charts drawn by Vega-Lite (in a
 * process of its own, under the config of `lib/tools/plot/`, so that the
 * plotting libraries stay out of the project's lockfile and only the tasks
 * that draw ever fetch them), pixel grids (digits, filters) drawn here
 * directly, all inline in one page with no external resource.
 *
 * @example
 * ```ts
 * import { htmlPage, pixelGrid } from "./report.ts";
 * const page = htmlPage("Two pixels", "A test.", [
 *   { heading: "Pixels", html: pixelGrid([0, 1], 2, 1) },
 * ]);
 * console.assert(page.startsWith("<!doctype html>") && page.includes("<svg"));
 * ```
 *
 * @module
 */

import { LearnerMessageError } from "../not_implemented.ts";
import { PLOT, PREPARE, runJsonProgram } from "./offline.ts";

/**
 * What drawing throws when the plotting libraries are neither in Deno's
 * cache nor downloadable: its message is the one sentence a learner needs.
 *
 * @example
 * ```ts
 * import { PlotUnavailableError } from "./report.ts";
 * console.assert(new PlotUnavailableError().message.includes("deno task prepare"));
 * ```
 */
export class PlotUnavailableError extends LearnerMessageError {
  /** The error, its message naming the command that caches the libraries. */
  constructor() {
    super(
      `The plotting libraries that draw the report are not in Deno's cache ` +
        `and cannot be downloaded (no network?): run \`${PREPARE}\` once ` +
        `while online.`,
    );
    this.name = "PlotUnavailableError";
  }
}

/**
 * The Deno to start a subprocess with: this very executable when allowed to
 * run it, else `deno` from the PATH, which is what a task's narrow
 * `--allow-run=deno` allows (Deno.execPath() is the symlink's target, which
 * that permission does not cover).
 *
 * @example
 * ```ts
 * import { denoToRun } from "./report.ts";
 * console.assert(denoToRun().endsWith("deno") || denoToRun().endsWith("deno.exe"));
 * ```
 */
export function denoToRun(): string {
  const path = Deno.execPath();
  const { state } = Deno.permissions.querySync({ name: "run", command: path });
  return state === "granted" ? path : "deno";
}

/** A Vega-Lite spec, as JSON (see https://vega.github.io/vega-lite/). */
export type VegaLiteSpec = Record<string, unknown>;

/**
 * The SVG of each Vega-Lite spec, rendered by lib/tools/plot/render.ts in
 * one process of its own (which needs `--allow-run`). Throws a
 * {@linkcode PlotUnavailableError} when the libraries cannot be loaded.
 *
 * @example
 * ```ts
 * import { renderCharts } from "./report.ts";
 * const [svg] = await renderCharts([{
 *   data: { values: [{ x: 1, y: 1 }, { x: 2, y: 4 }] },
 *   mark: "line",
 *   encoding: {
 *     x: { field: "x", type: "quantitative", title: "x" },
 *     y: { field: "y", type: "quantitative", title: "x squared" },
 *   },
 * }]);
 * console.assert(svg.includes("x squared"));
 * ```
 */
export async function renderCharts(specs: VegaLiteSpec[]): Promise<string[]> {
  if (specs.length === 0) return [];
  return await runJsonProgram<string[]>(
    PLOT,
    specs,
    "draws the charts",
    () => new PlotUnavailableError(),
    denoToRun(),
  );
}

/** Text made safe to place in HTML. */
function escape(text: string): string {
  return text.replace(/&/g, "&amp;").replace(/</g, "&lt;")
    .replace(/>/g, "&gt;").replace(/"/g, "&quot;");
}

/**
 * A pixel grid as an inline SVG, one square per value: `values` row by row,
 * `width` per row, shaded from white (the smallest value, or `range[0]`) to
 * black (the largest, or `range[1]`).
 *
 * @example
 * ```ts
 * import { pixelGrid } from "./report.ts";
 * const svg = pixelGrid([0, 0.5, 1, 0], 2, 3);
 * console.assert(svg.includes('fill="rgb(128,128,128)"'));
 * ```
 */
export function pixelGrid(
  values: readonly number[],
  width: number,
  scale: number,
  range?: readonly [number, number],
): string {
  if (!Number.isInteger(width) || width < 1 || values.length % width !== 0) {
    throw new Error(
      `pixelGrid: ${values.length} values do not make rows of ${width}`,
    );
  }
  const height = values.length / width;
  const [low, high] = range ?? [Math.min(...values), Math.max(...values)];
  const span = high - low || 1;
  const squares: string[] = [];
  values.forEach((value, i) => {
    const ink = Math.min(Math.max((value - low) / span, 0), 1);
    if (ink === 0) return;
    const shade = Math.round(255 * (1 - ink));
    squares.push(
      `<rect x="${i % width}" y="${Math.floor(i / width)}" width="1" ` +
        `height="1" fill="rgb(${shade},${shade},${shade})"/>`,
    );
  });
  return `<svg class="pixels" xmlns="http://www.w3.org/2000/svg" ` +
    `width="${width * scale}" height="${height * scale}" ` +
    `viewBox="0 0 ${width} ${height}" shape-rendering="crispEdges">` +
    `<rect width="${width}" height="${height}" fill="white"/>` +
    `${squares.join("")}</svg>`;
}

/** One section of a report page: a heading and its HTML (charts, grids). */
export interface Section {
  /** The section's heading. */
  heading: string;
  /** A sentence under the heading, as text. */
  note?: string;
  /** Its content, as HTML (inline SVG). */
  html: string;
}

/**
 * A self-contained HTML page: a title, a sentence, and its sections, with
 * its style inline and nothing fetched from anywhere.
 *
 * @example
 * ```ts
 * import { htmlPage } from "./report.ts";
 * const page = htmlPage("A <title>", "Said.", []);
 * console.assert(page.includes("<h1>A &lt;title&gt;</h1>"));
 * ```
 */
export function htmlPage(
  title: string,
  summary: string,
  sections: readonly Section[],
): string {
  const body = sections.map(({ heading, note, html }) =>
    `<section><h2>${escape(heading)}</h2>${
      note ? `<p>${escape(note)}</p>` : ""
    }${html}</section>`
  ).join("\n");
  return `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><title>${escape(title)}</title>
<style>
body { font-family: system-ui, sans-serif; margin: 2em; color: #222; }
section { margin: 2em 0; }
.grid { display: flex; flex-wrap: wrap; gap: 8px; }
figure { margin: 0; text-align: center; font-size: 12px; }
figure svg.pixels { border: 1px solid #ccc; display: block; }
</style></head>
<body><h1>${escape(title)}</h1><p>${escape(summary)}</p>
${body}
</body></html>
`;
}

/**
 * The trailing mean of `values` over up to `window` values (fewer at the
 * start): the smoothed loss curve.
 *
 * @example
 * ```ts
 * import { smooth } from "./report.ts";
 * console.assert(smooth([2, 4, 6, 8], 2).join() === "2,3,5,7");
 * ```
 */
export function smooth(values: readonly number[], window: number): number[] {
  if (!Number.isInteger(window) || window < 1) {
    throw new Error(
      `smooth: window must be a whole number >= 1, got ${window}`,
    );
  }
  let sum = 0;
  return values.map((value, i) => {
    sum += value;
    if (i >= window) sum -= values[i - window];
    return sum / Math.min(i + 1, window);
  });
}

/** A test digit the network got wrong. */
export interface Misclassified {
  /** Its 784 pixels, row by row, from 0 (paper) to 1 (ink). */
  pixels: number[];
  /** The network's answer. */
  predicted: number;
  /** The true label. */
  label: number;
}

/** A convolution's first-layer filters, each flattened row by row. */
export interface Filters {
  /** The side of each square filter (5 for the SimpleConvNet). */
  size: number;
  /** The filters at initialization. */
  before: number[][];
  /** The filters after training. */
  after: number[][];
}

/** What a training task recorded, for its report. */
export interface TrainingRecord {
  /** What was trained, whose code, on what. */
  title: string;
  /** The settings, in a sentence. */
  summary: string;
  /** The loss after each recorded iteration. */
  losses: number[];
  /** How many iterations apart the recorded losses are (1: every one). */
  lossEvery: number;
  /** What the losses are, when not the minibatch loss of each iteration. */
  lossNote?: string;
  /** Training accuracy after each epoch (may be measured on a sample). */
  trainAccuracies: number[];
  /** Held-out accuracy after each epoch. */
  testAccuracies: number[];
  /** Some held-out digits the trained network got wrong. */
  misclassified: Misclassified[];
  /** The first layer's filters, for a convolutional network. */
  filters?: Filters;
}

/**
 * The Vega-Lite specs of a record's loss chart (raw and smoothed, by
 * iteration) and accuracy chart (train and test, by epoch).
 *
 * @example
 * ```ts
 * import { trainingCharts } from "./report.ts";
 * const [loss, accuracy] = trainingCharts({
 *   title: "t", summary: "s", losses: [2, 1], lossEvery: 10,
 *   trainAccuracies: [0.9], testAccuracies: [0.8], misclassified: [],
 * });
 * const rows = (loss.data as { values: { iteration: number }[] }).values;
 * console.assert(rows.at(-1)?.iteration === 20);
 * console.assert((accuracy.data as { values: unknown[] }).values.length === 2);
 * ```
 */
export function trainingCharts(record: TrainingRecord): VegaLiteSpec[] {
  const { losses, lossEvery, trainAccuracies, testAccuracies } = record;
  const smoothed = smooth(
    losses,
    Math.max(5, Math.round(losses.length / 25)),
  );
  const lossRows = losses.flatMap((loss, i) => [
    { iteration: (i + 1) * lossEvery, loss, curve: "raw" },
    { iteration: (i + 1) * lossEvery, loss: smoothed[i], curve: "smoothed" },
  ]);
  const accuracyRows = [
    ...trainAccuracies.map((accuracy, i) => ({
      epoch: i + 1,
      accuracy,
      set: "train",
    })),
    ...testAccuracies.map((accuracy, i) => ({
      epoch: i + 1,
      accuracy,
      set: "test",
    })),
  ];
  return [
    {
      width: 640,
      height: 280,
      data: { values: lossRows },
      mark: { type: "line", strokeWidth: 1.5 },
      encoding: {
        x: { field: "iteration", type: "quantitative", title: "iteration" },
        y: { field: "loss", type: "quantitative", title: "loss" },
        color: {
          field: "curve",
          type: "nominal",
          title: "loss",
          scale: { range: ["#9ecae1", "#08519c"] },
        },
      },
    },
    {
      width: 640,
      height: 280,
      data: { values: accuracyRows },
      mark: { type: "line", point: true },
      encoding: {
        x: {
          field: "epoch",
          type: "quantitative",
          title: "epoch",
          axis: { tickMinStep: 1, format: "d" },
        },
        y: {
          field: "accuracy",
          type: "quantitative",
          title: "accuracy",
          axis: { format: ".1%" },
          scale: { zero: false },
        },
        color: { field: "set", type: "nominal", title: "digits" },
      },
    },
  ];
}

function digitGrid(digits: readonly Misclassified[]): string {
  const figures = digits.map(({ pixels, predicted, label }) =>
    `<figure class="digit">${pixelGrid(pixels, 28, 2, [0, 1])}` +
    `<figcaption>said ${predicted}, was ${label}</figcaption></figure>`
  );
  return `<div class="grid">${figures.join("")}</div>`;
}

function filterGrid(size: number, filters: readonly number[][]): string {
  const figures = filters.map((filter, i) =>
    `<figure class="filter">${pixelGrid(filter, size, 8)}` +
    `<figcaption>${i + 1}</figcaption></figure>`
  );
  return `<div class="grid">${figures.join("")}</div>`;
}

/**
 * The training report of `record`: the loss per iteration (raw and
 * smoothed), the accuracies per epoch, the misclassified test digits, and
 * the first layer's filters before and after training when there are any.
 *
 * @example
 * ```ts
 * import { trainingReport } from "./report.ts";
 * const page = await trainingReport({
 *   title: "A tiny run",
 *   summary: "Made up.",
 *   losses: [2.3, 1.9, 1.2, 0.8],
 *   lossEvery: 1,
 *   trainAccuracies: [0.5, 0.8],
 *   testAccuracies: [0.45, 0.75],
 *   misclassified: [{ pixels: Array(784).fill(0.5), predicted: 3, label: 8 }],
 * });
 * console.assert(page.includes("said 3, was 8"));
 * ```
 */
export async function trainingReport(record: TrainingRecord): Promise<string> {
  const [loss, accuracy] = await renderCharts(trainingCharts(record));
  const last = record.testAccuracies.at(-1);
  const sections: Section[] = [
    {
      heading: "Loss",
      note: record.lossNote ??
        `The minibatch loss every ${
          record.lossEvery === 1 ? "" : `${record.lossEvery} `
        }iteration${record.lossEvery === 1 ? "" : "s"}, and its trailing mean.`,
      html: `<div class="chart" data-chart="loss">${loss}</div>`,
    },
    {
      heading: "Accuracy",
      note: `After each epoch; held-out accuracy at the end ${
        last === undefined ? "not measured" : `${(100 * last).toFixed(2)}%`
      }.`,
      html: `<div class="chart" data-chart="accuracy">${accuracy}</div>`,
    },
    {
      heading: "Misclassified test digits",
      note: record.misclassified.length === 0
        ? "None: every held-out digit was right."
        : `The first ${record.misclassified.length} held-out digits the ` +
          `trained network got wrong: what it said, and what it was.`,
      html: digitGrid(record.misclassified),
    },
  ];
  if (record.filters) {
    const { size, before, after } = record.filters;
    sections.push(
      {
        heading: "First-layer filters before training",
        note: "Each filter shaded from its smallest weight (white) to its " +
          "largest (black): random noise at initialization.",
        html: filterGrid(size, before),
      },
      {
        heading: "First-layer filters after training",
        note: "The same filters trained: edges and blobs the later layers " +
          "build on.",
        html: filterGrid(size, after),
      },
    );
  }
  return htmlPage(record.title, record.summary, sections);
}

/** One chart of a figure, under its heading. */
export interface FigureChart {
  /** The chart's heading. */
  heading: string;
  /** A sentence under the heading. */
  note?: string;
  /** The chart, in Vega-Lite. */
  spec: VegaLiteSpec;
}

/** A figure of the book, as a figure script hands it over. */
export interface Figure {
  /** What it shows. */
  title: string;
  /** How it was made, in a sentence. */
  summary: string;
  /** Its charts, in order. */
  charts: FigureChart[];
}

/**
 * The self-contained page of a figure: each chart rendered by Vega-Lite.
 *
 * @example
 * ```ts
 * import { figurePage } from "./report.ts";
 * const page = await figurePage({
 *   title: "A parabola",
 *   summary: "y = x².",
 *   charts: [{
 *     heading: "y = x²",
 *     spec: {
 *       data: { values: [-1, 0, 1].map((x) => ({ x, y: x * x })) },
 *       mark: "line",
 *       encoding: {
 *         x: { field: "x", type: "quantitative", title: "x" },
 *         y: { field: "y", type: "quantitative", title: "y" },
 *       },
 *     },
 *   }],
 * });
 * console.assert(page.includes('data-chart="y = x²"'));
 * ```
 */
export async function figurePage(figure: Figure): Promise<string> {
  const svgs = await renderCharts(figure.charts.map((c) => c.spec));
  return htmlPage(
    figure.title,
    figure.summary,
    figure.charts.map(({ heading, note }, i) => ({
      heading,
      note,
      html: `<div class="chart" data-chart="${escape(heading)}">${
        svgs[i]
      }</div>`,
    })),
  );
}

/**
 * Writes `html` to `<dir>/<name>-<timestamp>.html` (making `dir`) and
 * returns its path.
 *
 * @example
 * ```ts ignore
 * import { writeReport } from "./report.ts";
 * console.log(await writeReport(".katas/reports", "train", "<p>hi</p>"));
 * ```
 */
export async function writeReport(
  dir: string,
  name: string,
  html: string,
  now = new Date(),
): Promise<string> {
  if (!/^[a-z0-9_-]+$/.test(name)) {
    throw new Error(`writeReport: the name "${name}" must be a-z, 0-9, _ or -`);
  }
  await Deno.mkdir(dir, { recursive: true });
  const stamp = now.toISOString().slice(0, 19).replace(/[-:]/g, "")
    .replace("T", "-");
  const path = `${dir}/${name}-${stamp}.html`;
  await Deno.writeTextFile(path, html);
  return path;
}

/** One point of a {@linkcode lineChart}: `x`, `y` and the curve it is on. */
export interface LinePoint {
  /** Where on the horizontal axis (an epoch, a step). */
  x: number;
  /** Its value. */
  y: number;
  /** The curve it belongs to ("training", "held out"). */
  series: string;
}

/**
 * A line chart with points, one line per series: the loss or perplexity per
 * epoch or step. `axes` title the axes and the legend; `log` puts `y` on a
 * log scale. Whole-number `x` (epochs, steps) get whole-number ticks.
 *
 * @example
 * ```ts
 * import { lineChart } from "./report.ts";
 * const spec = lineChart(
 *   [{ x: 1, y: 40, series: "training" }, { x: 2, y: 12, series: "training" }],
 *   { x: "epoch", y: "perplexity", series: "text", log: true },
 * );
 * const y = (spec.encoding as Record<string, { scale?: { type: string } }>).y;
 * console.assert(y.scale?.type === "log");
 * ```
 */
export function lineChart(
  points: readonly LinePoint[],
  axes: { x: string; y: string; series: string; log?: boolean },
): VegaLiteSpec {
  const bad = points.find((p) =>
    !Number.isFinite(p.x) || !Number.isFinite(p.y) || axes.log && p.y <= 0
  );
  if (bad) {
    throw new Error(
      `lineChart: the point ${JSON.stringify(bad)} has no finite ${
        axes.log ? "positive " : ""
      }value`,
    );
  }
  const wholeX = points.every((p) => Number.isInteger(p.x));
  return {
    width: 640,
    height: 280,
    data: { values: points },
    mark: { type: "line", point: true },
    encoding: {
      x: {
        field: "x",
        type: "quantitative",
        title: axes.x,
        ...(wholeX ? { axis: { tickMinStep: 1, format: "d" } } : {}),
      },
      y: {
        field: "y",
        type: "quantitative",
        title: axes.y,
        scale: axes.log ? { type: "log" } : { zero: false },
      },
      color: { field: "series", type: "nominal", title: axes.series },
    },
  };
}

/** One trial of a hyperparameter search, for {@linkcode trialsChart}. */
export interface TrialPoint {
  /** Its learning rate. */
  learningRate: number;
  /** Its weight decay. */
  weightDecay: number;
  /** Its validation accuracy, 0 to 1. */
  valAccuracy: number;
}

/**
 * The trials of a search as dots on log axes, learning rate across and
 * weight decay up, shaded by validation accuracy; the `best` highest-scoring
 * trials are drawn larger, ringed, and labelled with their rank.
 *
 * @example
 * ```ts
 * import { trialsChart } from "./report.ts";
 * const spec = trialsChart([
 *   { learningRate: 1e-3, weightDecay: 1e-6, valAccuracy: 0.8 },
 *   { learningRate: 1e-5, weightDecay: 1e-7, valAccuracy: 0.1 },
 * ], 1);
 * const rows = (spec.data as { values: { rank: number; best: string }[] }).values;
 * console.assert(rows[0].rank === 1 && rows[0].best === "best 1");
 * console.assert(rows[1].best === "other");
 * ```
 */
export function trialsChart(
  trials: readonly TrialPoint[],
  best: number,
): VegaLiteSpec {
  for (const trial of trials) {
    if (!(trial.learningRate > 0 && trial.weightDecay > 0)) {
      throw new Error(
        `trialsChart: the trial ${
          JSON.stringify(trial)
        } needs a positive learning rate and weight decay for the log axes`,
      );
    }
  }
  const ranked = [...trials].sort((a, b) => b.valAccuracy - a.valAccuracy);
  const rows = trials.map((trial) => {
    const rank = ranked.indexOf(trial) + 1;
    return {
      ...trial,
      rank,
      best: rank <= best ? `best ${best}` : "other",
    };
  });
  const axis = (field: string, title: string) => ({
    field,
    type: "quantitative",
    title,
    scale: { type: "log" },
    axis: { format: ".0e" },
  });
  const bestTitle = `the best ${best}`;
  return {
    width: 560,
    height: 400,
    data: { values: rows },
    encoding: {
      x: axis("learningRate", "learning rate (log scale)"),
      y: axis("weightDecay", "weight decay (log scale)"),
    },
    layer: [
      {
        mark: { type: "point", filled: true, stroke: "#000" },
        encoding: {
          color: {
            field: "valAccuracy",
            type: "quantitative",
            title: "validation accuracy",
            legend: { format: ".0%" },
            scale: { scheme: "viridis" },
          },
          size: {
            field: "best",
            type: "nominal",
            title: bestTitle,
            scale: { domain: [`best ${best}`, "other"], range: [260, 70] },
          },
          strokeWidth: {
            field: "best",
            type: "nominal",
            legend: null,
            scale: { domain: [`best ${best}`, "other"], range: [2, 0] },
          },
          tooltip: [
            { field: "rank", type: "quantitative" },
            { field: "valAccuracy", type: "quantitative", format: ".1%" },
          ],
        },
      },
      {
        transform: [{ filter: `datum.rank <= ${best}` }],
        mark: { type: "text", dx: 12, align: "left", fontWeight: "bold" },
        encoding: { text: { field: "rank", type: "quantitative" } },
      },
    ],
  };
}

/** A query's neighbour, for {@linkcode nearestWordsChart}. */
export interface Neighbour {
  /** The word asked about. */
  query: string;
  /** Its neighbour's rank, 1 for the nearest. */
  rank: number;
  /** The neighbour. */
  word: string;
  /** Their cosine similarity, -1 to 1. */
  similarity: number;
}

/**
 * The nearest words of some queries as a table drawn by Vega-Lite: a row per
 * query, a column per rank, each cell the neighbour shaded by its cosine
 * similarity.
 *
 * @example
 * ```ts
 * import { nearestWordsChart } from "./report.ts";
 * const spec = nearestWordsChart([
 *   { query: "cat", rank: 1, word: "dog", similarity: 0.9 },
 *   { query: "cat", rank: 2, word: "cow", similarity: 0.7 },
 * ]);
 * console.assert((spec.data as { values: unknown[] }).values.length === 2);
 * ```
 */
export function nearestWordsChart(
  neighbours: readonly Neighbour[],
): VegaLiteSpec {
  const queries = [...new Set(neighbours.map((n) => n.query))];
  return {
    width: { step: 90 },
    height: { step: 28 },
    data: { values: neighbours },
    encoding: {
      x: {
        field: "rank",
        type: "ordinal",
        title: "nearest words, by rank",
        axis: { orient: "top", labelAngle: 0 },
      },
      y: { field: "query", type: "nominal", title: "query", sort: queries },
    },
    layer: [
      {
        mark: "rect",
        encoding: {
          color: {
            field: "similarity",
            type: "quantitative",
            title: "cosine similarity",
            scale: { scheme: "blues", domain: [0, 1] },
          },
        },
      },
      {
        mark: { type: "text", fontSize: 12 },
        encoding: {
          text: { field: "word", type: "nominal" },
          color: {
            condition: { test: "datum.similarity > 0.6", value: "white" },
            value: "black",
          },
        },
      },
    ],
  };
}

/**
 * A horizontal bar chart of a few labelled values, each bar captioned with
 * its value: `axes.value` titles the value axis, `axes.label` the bars';
 * `log` puts the values on a log scale (for times a thousand-fold apart).
 *
 * @example
 * ```ts
 * import { barChart } from "./report.ts";
 * const spec = barChart(
 *   [{ label: "numerical", value: 900 }, { label: "backprop", value: 0.2 }],
 *   { label: "gradient", value: "milliseconds", log: true },
 * );
 * console.assert((spec.data as { values: unknown[] }).values.length === 2);
 * ```
 */
export function barChart(
  bars: readonly { label: string; value: number }[],
  axes: { label: string; value: string; log?: boolean },
): VegaLiteSpec {
  const bad = bars.find(({ value }) =>
    !Number.isFinite(value) || axes.log && value <= 0
  );
  if (bad) {
    throw new Error(
      `barChart: the bar ${JSON.stringify(bad)} has no finite ${
        axes.log ? "positive " : ""
      }value`,
    );
  }
  // A log scale has no zero for bars to start from: they start at the power
  // of ten below the smallest value instead.
  const base = axes.log
    ? 10 ** Math.floor(Math.log10(Math.min(...bars.map((b) => b.value))))
    : 0;
  return {
    width: 560,
    height: { step: 36 },
    data: { values: bars },
    encoding: {
      y: {
        field: "label",
        type: "nominal",
        title: axes.label,
        sort: null,
      },
      x: {
        field: "value",
        type: "quantitative",
        title: axes.value,
        ...(axes.log ? { scale: { type: "log", domainMin: base } } : {}),
      },
      x2: { datum: base },
    },
    layer: [
      { mark: { type: "bar", color: "#4c78a8" } },
      {
        mark: { type: "text", align: "left", dx: 4 },
        encoding: {
          text: { field: "value", type: "quantitative", format: ".3~g" },
        },
      },
    ],
  };
}

/** One held-out question of a sequence model, for {@linkcode answersChart}. */
export interface Answer {
  /** The question as written ("16+75", "march 3, 1998"). */
  question: string;
  /** What the model wrote. */
  answer: string;
  /** What it should have written. */
  right: string;
}

/**
 * A few held-out questions of a sequence model as a table drawn by
 * Vega-Lite: a row per question, its columns the question, the model's answer
 * and the right one, the model's answer green when exact and red otherwise.
 *
 * @example
 * ```ts
 * import { answersChart } from "./report.ts";
 * const spec = answersChart([
 *   { question: "16+75", answer: "91", right: "91" },
 *   { question: "2+2", answer: "5", right: "4" },
 * ]);
 * const cells = (spec.data as { values: { exact: boolean }[] }).values;
 * console.assert(cells.length === 6 && !cells[5].exact);
 * ```
 */
export function answersChart(answers: readonly Answer[]): VegaLiteSpec {
  if (answers.length === 0) {
    throw new Error("answersChart: there are no answers to show");
  }
  const columns = ["question", "the model's answer", "the right answer"];
  const cells = answers.flatMap((a, row) => {
    const exact = a.answer === a.right;
    return [a.question, a.answer, a.right].map((text, c) => ({
      row: row + 1,
      column: columns[c],
      text,
      exact,
      tone: c !== 1 ? "plain" : exact ? "exact" : "wrong",
    }));
  });
  return {
    width: { step: 260 },
    height: { step: 24 },
    data: { values: cells },
    mark: { type: "text", font: "monospace", fontSize: 13 },
    encoding: {
      x: {
        field: "column",
        type: "nominal",
        title: "held-out question",
        sort: columns,
        axis: { orient: "top", labelAngle: 0 },
      },
      y: { field: "row", type: "ordinal", title: "question no." },
      text: { field: "text", type: "nominal" },
      color: {
        field: "tone",
        type: "nominal",
        title: "the model's answer",
        scale: {
          domain: ["exact", "wrong", "plain"],
          range: ["#2a7a2a", "#c0282d", "#222"],
        },
        legend: { values: ["exact", "wrong"] },
      },
    },
  };
}

/**
 * Where a decoder with attention looked: a heatmap with a column per
 * character of the question and a row per character of the answer, each cell
 * shaded by the weight the answer's character gave the question's, from 0
 * to 1. Characters may repeat, so cells are placed by position and the axes
 * labelled with the characters.
 *
 * @example
 * ```ts
 * import { attentionChart } from "./report.ts";
 * const spec = attentionChart("ab", "ba", [[0.1, 0.9], [0.8, 0.2]]);
 * console.assert((spec.data as { values: unknown[] }).values.length === 4);
 * ```
 */
export function attentionChart(
  question: string,
  answer: string,
  weights: readonly (readonly number[])[],
): VegaLiteSpec {
  const q = [...question];
  const a = [...answer];
  if (
    weights.length !== a.length ||
    weights.some((row) => row.length !== q.length)
  ) {
    throw new Error(
      `attentionChart: the weights must be ${a.length} rows (one per ` +
        `character of the answer) of ${q.length} (one per character of the ` +
        `question), not ${weights.map((row) => row.length).join(", ")}`,
    );
  }
  const cells = weights.flatMap((row, t) =>
    row.map((weight, p) => ({
      t,
      p,
      weight,
      answerChar: a[t],
      questionChar: q[p],
    }))
  );
  // A visible name for a space, which would otherwise label nothing.
  const shown = (chars: string[]) =>
    JSON.stringify(chars.map((c) => c === " " ? "␣" : c));
  return {
    width: { step: 22 },
    height: { step: 22 },
    data: { values: cells },
    mark: "rect",
    encoding: {
      x: {
        field: "p",
        type: "ordinal",
        title: "question, character by character",
        axis: { labelExpr: `${shown(q)}[datum.value]`, labelAngle: 0 },
      },
      y: {
        field: "t",
        type: "ordinal",
        title: "answer, character by character",
        axis: { labelExpr: `${shown(a)}[datum.value]` },
      },
      color: {
        field: "weight",
        type: "quantitative",
        title: "attention weight",
        scale: { domain: [0, 1], range: ["white", "black"] },
      },
      tooltip: [
        { field: "answerChar", type: "nominal", title: "answer" },
        { field: "questionChar", type: "nominal", title: "question" },
        { field: "weight", type: "quantitative", format: ".2f" },
      ],
    },
  };
}
