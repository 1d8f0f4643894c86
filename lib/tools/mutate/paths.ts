/**
 * Where `deno task mutate` keeps things, relative to the repository root.
 *
 * @module
 */

import type { KataEntry } from "../manifest.ts";

/** StrykerJS's own `package.json` and lockfile, and its `node_modules`. */
export const STRYKER_DIR = "lib/tools/mutate/stryker";

/** The committed scores, one record per kata. */
export const SCORES_FILE = "lib/tools/mutate/results/scores.json";

/** Git-ignored: StrykerJS's sandboxes, configurations and reports. */
export const WORK_DIR = ".mutate";

/**
 * The committed file through which StrykerJS reruns only what changed.
 *
 * @example
 * ```ts
 * import { incrementalFile } from "./paths.ts";
 * console.assert(incrementalFile("relu_layer").endsWith("/relu_layer.json"));
 * ```
 */
export function incrementalFile(kata: string): string {
  return `lib/tools/mutate/results/incremental/${kata}.json`;
}

/**
 * The file where equivalent mutants of a kata's worked answer are recorded.
 *
 * @example
 * ```ts
 * import { equivalentsFile } from "./paths.ts";
 * console.assert(equivalentsFile("relu_layer") === "solutions/relu_layer/EQUIVALENT_MUTANTS.md");
 * ```
 */
export function equivalentsFile(kata: string): string {
  return `solutions/${kata}/EQUIVALENT_MUTANTS.md`;
}

/**
 * The worked answer that StrykerJS mutates.
 *
 * @example
 * ```ts
 * import { answerFile } from "./paths.ts";
 * const kata = { name: "relu_layer", file: "relu.ts" };
 * console.assert(answerFile(kata) === "solutions/relu_layer/relu.ts");
 * ```
 */
export function answerFile(kata: Pick<KataEntry, "name" | "file">): string {
  return `solutions/${kata.name}/${kata.file}`;
}

/**
 * The kata's spec.
 *
 * @example
 * ```ts
 * import { specFile } from "./paths.ts";
 * const kata = { name: "relu_layer", spec: "relu_test.ts" };
 * console.assert(specFile(kata) === "katas/relu_layer/relu_test.ts");
 * ```
 */
export function specFile(kata: Pick<KataEntry, "name" | "spec">): string {
  return `katas/${kata.name}/${kata.spec}`;
}
