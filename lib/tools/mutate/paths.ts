/**
 * Where `deno task mutate` keeps things, relative to the repository root.
 *
 * @module
 */

import { isHunt, type KataEntry, type Manifest } from "../manifest.ts";

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
 * The file StrykerJS mutates for `kata`: its worked answer, or for a bug
 * hunt the hunted kata's worked answer, against which the hunt's worked spec
 * runs.
 *
 * @example
 * ```ts
 * import { mutatedFile } from "./paths.ts";
 * const layer = { name: "relu_layer", title: "ReLU layer", book: "5.5.1",
 *   file: "relu.ts", spec: "relu_test.ts", uses: [] };
 * const hunt = { name: "relu_bug_hunt", title: "Bug hunt: ReLU", book: "5.5.1",
 *   file: "relu_hunt_test.ts", spec: "relu_hunt_test.ts", uses: ["relu_layer"],
 *   kind: "bug-hunt" as const, target: "relu_layer" };
 * const manifest = { katas: [layer, hunt] };
 * console.assert(mutatedFile(manifest, layer) === "solutions/relu_layer/relu.ts");
 * console.assert(mutatedFile(manifest, hunt) === "solutions/relu_layer/relu.ts");
 * ```
 */
export function mutatedFile(manifest: Manifest, kata: KataEntry): string {
  if (!isHunt(kata)) return answerFile(kata);
  const target = manifest.katas.find((k) => k.name === kata.target);
  if (target === undefined) {
    throw new Error(
      `${kata.name}: its target ${kata.target} is not in the manifest`,
    );
  }
  return answerFile(target);
}

/**
 * The spec that judges the mutants: the kata's spec, or for a bug hunt its
 * worked spec (the learner's file is a stub without tests).
 *
 * @example
 * ```ts
 * import { specFile } from "./paths.ts";
 * const kata = { name: "relu_layer", spec: "relu_test.ts" };
 * console.assert(specFile(kata) === "katas/relu_layer/relu_test.ts");
 * const hunt = { name: "relu_bug_hunt", spec: "relu_hunt_test.ts", kind: "bug-hunt" as const };
 * console.assert(specFile(hunt) === "solutions/relu_bug_hunt/relu_hunt_test.ts");
 * ```
 */
export function specFile(
  kata: Pick<KataEntry, "name" | "spec" | "kind">,
): string {
  return `${
    kata.kind === "bug-hunt" ? "solutions" : "katas"
  }/${kata.name}/${kata.spec}`;
}
