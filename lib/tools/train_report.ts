/**
 * The training and figure tasks' wrapper: runs a training or figure script
 * (which runs the learner's code) as a subprocess with no permissions, shows
 * its progress, and at the end writes its HTML report or figure under
 * `.katas/reports/` and prints the path. On a terminal the script's lines scroll above a progress bar
 * (epoch, loss, accuracies, time left); elsewhere they are printed as they
 * come, as plain lines.
 *
 *     deno run --allow-run=deno --allow-write=.katas/reports \
 *       lib/tools/train_report.ts --config lib/data/mnist/deno.json \
 *       katas/training/main.ts [the script's arguments]
 *
 * Only this wrapper holds those two permissions: the script it starts gets
 * none, so the learner's code cannot write files or start processes.
 *
 * @module
 */

import { EVENTS_FLAG, parseEvent, type Progress } from "./report_events.ts";
import {
  denoToRun,
  figurePage,
  trainingReport,
  writeReport,
} from "./report.ts";
import { LearnerMessageError } from "../not_implemented.ts";

/** Where the reports go, relative to the repository (the task's cwd). */
export const REPORTS_DIR = ".katas/reports";

/** "1m 05s", "12s": a duration for people. */
function duration(seconds: number): string {
  const s = Math.max(0, Math.round(seconds));
  return s >= 60
    ? `${Math.floor(s / 60)}m ${String(s % 60).padStart(2, "0")}s`
    : `${s}s`;
}

/**
 * The progress bar's line for `progress` after `elapsed` seconds: the epoch
 * (or trial, or step), a bar, the latest loss and accuracies, and the time left at the pace so
 * far.
 *
 * @example
 * ```ts
 * import { progressLine } from "./train_report.ts";
 * const line = progressLine(
 *   { epoch: 2, epochs: 4, done: 0.5, loss: 0.25, testAccuracy: 0.9 },
 *   30,
 *   10,
 * );
 * console.assert(line === "epoch 2/4 [#####-----]  50%  loss 0.2500  test 90.00%  30s left");
 * ```
 */
export function progressLine(
  progress: Progress,
  elapsed: number,
  width = 20,
): string {
  const done = Math.min(Math.max(progress.done, 0), 1);
  const filled = Math.round(done * width);
  const parts = [
    `${progress.unit ?? "epoch"} ${progress.epoch}/${progress.epochs} ` +
    `[${"#".repeat(filled)}${"-".repeat(width - filled)}] ` +
    `${String(Math.floor(done * 100)).padStart(3)}%`,
  ];
  const percent = (share: number) => `${(100 * share).toFixed(2)}%`;
  if (progress.loss !== undefined) {
    parts.push(`loss ${progress.loss.toFixed(4)}`);
  }
  if (progress.trainAccuracy !== undefined) {
    parts.push(`train ${percent(progress.trainAccuracy)}`);
  }
  if (progress.testAccuracy !== undefined) {
    parts.push(`test ${percent(progress.testAccuracy)}`);
  }
  parts.push(
    done > 0 ? `${duration(elapsed * (1 - done) / done)} left` : "starting",
  );
  return parts.join("  ");
}

/** Splits a byte stream into lines, as they come. */
async function* lines(stream: ReadableStream<Uint8Array>) {
  let rest = "";
  for await (const chunk of stream.pipeThrough(new TextDecoderStream())) {
    rest += chunk;
    const parts = rest.split("\n");
    rest = parts.pop()!;
    yield* parts;
  }
  if (rest) yield rest;
}

if (import.meta.main) {
  const encoder = new TextEncoder();
  const tty = Deno.stdout.isTerminal();
  const out = (text: string) => Deno.stdout.writeSync(encoder.encode(text));
  let bar = "";
  const child = new Deno.Command(denoToRun(), {
    args: ["run", "--quiet", "--no-prompt", ...Deno.args, EVENTS_FLAG],
    stdin: "inherit",
    stdout: "piped",
    stderr: "inherit",
  }).spawn();
  const start = performance.now();
  let report: Promise<string> | undefined;
  for await (const line of lines(child.stdout)) {
    const event = parseEvent(line);
    if (event?.kind === "progress") {
      if (tty) {
        const columns = Deno.consoleSize().columns;
        bar = progressLine(event.progress, (performance.now() - start) / 1000)
          .slice(0, columns - 1);
        out(`\r\x1b[2K${bar}`);
      }
    } else if (event?.kind === "record" || event?.kind === "figure") {
      const page = event.kind === "record"
        ? trainingReport(event.record)
        : figurePage(event.figure);
      const { name } = event;
      report = page.then((html) => writeReport(REPORTS_DIR, name, html));
      // Reported once the script ends, so that its last lines come first.
      report.catch(() => {});
    } else {
      out(tty && bar ? `\r\x1b[2K${line}\n${bar}` : `${line}\n`);
    }
  }
  if (tty && bar) out("\r\x1b[2K");
  const { code } = await child.status;
  if (report) {
    try {
      console.log(`Report: ${await report}`);
    } catch (error) {
      console.error(
        error instanceof LearnerMessageError
          ? error.message
          : `The report could not be written: ${error}`,
      );
      Deno.exit(code || 1);
    }
  }
  Deno.exit(code);
}
