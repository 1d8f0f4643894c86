/**
 * How a training script tells lib/tools/train_report.ts its progress and,
 * at the end, what it recorded: one line on stdout per event, marked so
 * that the script's ordinary lines pass through untouched. The script runs
 * the learner's code with no permissions; the wrapper, which has the
 * narrow permissions to draw and write the report, runs it as a subprocess
 * with `--report-events` and reads these lines.
 *
 * @example
 * ```ts
 * import { parseEvent, reportEvents } from "./report_events.ts";
 * const lines: string[] = [];
 * const events = reportEvents(["--report-events"], (line) => lines.push(line));
 * events.progress({ epoch: 1, epochs: 2, done: 0.5, loss: 0.3 });
 * console.assert(parseEvent(lines[0])?.kind === "progress");
 * console.assert(parseEvent("epoch 1/2") === undefined);
 * ```
 *
 * @module
 */

import type { Tensor } from "../tensor.ts";
import type { Figure, Misclassified, TrainingRecord } from "./report.ts";

/** The flag the wrapper adds to a training script's arguments. */
export const EVENTS_FLAG = "--report-events";

/** Marks an event line: an ASCII record separator no script prints. */
const MARK = "\u001ekata-event ";

/** Where training stands, for the progress bar. */
export interface Progress {
  /** The epoch (or trial, or step: see `unit`) under way, from 1. */
  epoch: number;
  /** How many epochs in all. */
  epochs: number;
  /** What `epoch` counts, for the bar: "epoch" unless said ("trial"). */
  unit?: string;
  /** The share of the whole training done, 0 to 1. */
  done: number;
  /** The latest loss. */
  loss?: number;
  /** The latest training accuracy. */
  trainAccuracy?: number;
  /** The latest held-out accuracy. */
  testAccuracy?: number;
}

/** An event of a training script. */
export type TrainingEvent =
  | { kind: "progress"; progress: Progress }
  | { kind: "record"; name: string; record: TrainingRecord }
  | { kind: "figure"; name: string; figure: Figure };

/** What a training script calls; both do nothing without the flag. */
export interface ReportEvents {
  /** Whether the script runs under the report wrapper. */
  readonly enabled: boolean;
  /** Tells where training stands. */
  progress(progress: Progress): void;
  /** Hands over the finished record, to report under `name`. */
  record(name: string, record: TrainingRecord): void;
  /** Hands over a finished figure, to draw under `name`. */
  figure(name: string, figure: Figure): void;
}

/**
 * The events of a script given `args` (its `Deno.args`), written by `write`
 * (console.log by default) when `args` hold {@linkcode EVENTS_FLAG}.
 *
 * @example
 * ```ts
 * import { reportEvents } from "./report_events.ts";
 * const lines: string[] = [];
 * reportEvents([], (l) => lines.push(l)).progress({ epoch: 1, epochs: 1, done: 1 });
 * console.assert(lines.length === 0);
 * ```
 */
export function reportEvents(
  args: readonly string[],
  write: (line: string) => void = console.log,
): ReportEvents {
  const enabled = args.includes(EVENTS_FLAG);
  const send = (event: TrainingEvent) => {
    if (enabled) write(MARK + JSON.stringify(event));
  };
  return {
    enabled,
    progress: (progress) => send({ kind: "progress", progress }),
    record: (name, record) => send({ kind: "record", name, record }),
    figure: (name, figure) => send({ kind: "figure", name, figure }),
  };
}

/**
 * The event on `line`, or undefined for an ordinary line.
 *
 * @example
 * ```ts
 * import { parseEvent } from "./report_events.ts";
 * console.assert(parseEvent("epoch 1/50  loss 0.3") === undefined);
 * ```
 */
export function parseEvent(line: string): TrainingEvent | undefined {
  return line.startsWith(MARK)
    ? JSON.parse(line.slice(MARK.length))
    : undefined;
}

/**
 * Up to `limit` test digits whose predicted class (the largest of `scores`'
 * row) is not their label, in order: `images` are `[N, 784]` or
 * `[N, 1, 28, 28]`, `labels` are digits `[N]` or one-hot rows `[N, 10]`,
 * `scores` are `[N, 10]`.
 *
 * @example
 * ```ts
 * import { Tensor } from "../tensor.ts";
 * import { misclassified } from "./report_events.ts";
 * const images = Tensor.from(Array.from({ length: 2 }, () => Array(784).fill(0.5)));
 * const wrong = misclassified(
 *   images,
 *   Tensor.from([3, 1]),
 *   Tensor.from([[0, 0, 0, 1], [0, 0, 1, 0]]),
 *   5,
 * );
 * console.assert(wrong.length === 1 && wrong[0].predicted === 2 && wrong[0].label === 1);
 * ```
 */
export function misclassified(
  images: Tensor,
  labels: Tensor,
  scores: Tensor,
  limit: number,
): Misclassified[] {
  const n = images.shape[0];
  const size = images.data.length / n;
  if (scores.shape[0] !== n || labels.shape[0] !== n) {
    throw new Error(
      `misclassified: ${n} images, ${labels.shape[0]} labels and ` +
        `${scores.shape[0]} rows of scores must agree`,
    );
  }
  const truth = labels.shape.length === 2 ? labels.argmax(1).data : labels.data;
  const said = scores.argmax(1).data;
  const found: Misclassified[] = [];
  for (let i = 0; i < n && found.length < limit; i++) {
    if (said[i] === truth[i]) continue;
    found.push({
      pixels: Array.from(
        images.data.subarray(i * size, (i + 1) * size),
        (p) => Math.round(p * 100) / 100,
      ),
      predicted: said[i],
      label: truth[i],
    });
  }
  return found;
}
