/**
 * The StrykerJS configuration for one kata: mutate its worked answer, run its
 * spec through `spec_command.ts` for each mutant.
 *
 * @module
 */

import type { KataEntry } from "../manifest.ts";
import { incrementalFile, WORK_DIR } from "./paths.ts";

/** Milliseconds a mutant may take beyond the unmutated spec run's time. */
export const MUTANT_TIMEOUT_MS = 10_000;

/** Mutants run at once: the machines here have two cores. */
export const CONCURRENCY = 2;

/** What {@link strykerConfig} needs besides the kata. */
export interface ConfigOptions {
  /** The `deno` executable that runs the spec command. */
  deno: string;
  /** Run every mutant again instead of reusing the incremental file. */
  force: boolean;
  /** The file to mutate (see `mutatedFile` in `paths.ts`). */
  mutate: string;
}

/**
 * Where StrykerJS writes its reports for `kata`: git-ignored.
 *
 * @example
 * ```ts
 * import { reportFiles } from "./stryker_config.ts";
 * console.assert(reportFiles("im2col").html === ".mutate/reports/im2col.html");
 * ```
 */
export function reportFiles(kata: string): { html: string; json: string } {
  return {
    html: `${WORK_DIR}/reports/${kata}.html`,
    json: `${WORK_DIR}/reports/${kata}.json`,
  };
}

/**
 * StrykerJS options for `kata`, as its JSON configuration file holds them:
 * mutate `options.mutate`, judge each mutant by the kata's spec.
 *
 * @example
 * ```ts
 * import { strykerConfig } from "./stryker_config.ts";
 * const kata = { name: "relu_layer", title: "ReLU layer", book: "5.5.1",
 *   file: "relu.ts", spec: "relu_test.ts", uses: [] };
 * const config = strykerConfig(kata, {
 *   deno: "deno",
 *   force: false,
 *   mutate: "solutions/relu_layer/relu.ts",
 * });
 * console.assert(config.mutate[0] === "solutions/relu_layer/relu.ts");
 * ```
 */
export function strykerConfig(kata: KataEntry, options: ConfigOptions) {
  const reports = reportFiles(kata.name);
  return {
    mutate: [options.mutate],
    testRunner: "command",
    commandRunner: {
      command: [
        JSON.stringify(options.deno),
        "run --no-prompt --allow-read --allow-write --allow-run --allow-env",
        "lib/tools/mutate/spec_command.ts",
        kata.name,
      ].join(" "),
    },
    coverageAnalysis: "off",
    concurrency: CONCURRENCY,
    timeoutMS: MUTANT_TIMEOUT_MS,
    incremental: true,
    incrementalFile: incrementalFile(kata.name),
    force: options.force,
    // Deno runs the instrumented copy with --no-check; nothing else in the
    // sandbox needs editing.
    disableTypeChecks: false,
    tempDirName: `${WORK_DIR}/tmp`,
    cleanTempDir: "always",
    ignorePatterns: ["/.katas", "/.selfcheck-*", `/${WORK_DIR}`],
    reporters: ["html", "json", "progress-append-only"],
    htmlReporter: { fileName: reports.html },
    jsonReporter: { fileName: reports.json },
    logLevel: "warn",
    allowConsoleColors: false,
  };
}
