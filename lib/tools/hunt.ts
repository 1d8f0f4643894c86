/**
 * Bug-hunt katas: the learner's file is a spec, run first against the
 * correct layer (the hunted kata's worked answer) and then against each of
 * its wrong versions (`solutions/<hunt>/WRONG_LAYERS.md`, applied in a
 * scratch folder). The self-check, the runner and mutation testing all judge
 * a hunt through {@link runHunt}.
 *
 * The wrong layers are written out by `wrong_layers.ts`, apart from this
 * module because it needs an npm package (the diff library), which the
 * runner loads only when it must.
 *
 * The spec imports the layer as a learner would, from the hunted kata's
 * learner file (`../sigmoid_layer/sigmoid.ts`); an import map puts the layer
 * under test in its place, whether the spec runs from `katas/`,
 * `solutions/` or the scratch folder.
 *
 * @module
 */

import type { HuntEntry, KataEntry, Manifest } from "./manifest.ts";
import { scratchSwaps, solutionSwaps } from "./scratch.ts";
import { pool } from "./pool.ts";
import { runSpec, type SpecRunResult } from "./spec_run.ts";

/** A wrong version of the hunted layer, written out and ready to run. */
export interface WrongLayer {
  /** Its name in WRONG_LAYERS.md, snake_case. */
  name: string;
  /** The first line of its description: shown while it is not caught. */
  title: string;
  /** Where it was written, relative to the root. */
  path: string;
}

/** What a wrong layer made of the spec. */
export interface WrongLayerOutcome {
  /** The wrong layer's name. */
  name: string;
  /** Its title. */
  title: string;
  /** True when at least one test of the spec failed against it. */
  caught: boolean;
  /** The tests that failed against it. */
  by: string[];
}

/** What a hunt's spec made of the correct layer and the wrong ones. */
export interface HuntRun {
  /** The spec run against the correct layer. */
  correct: SpecRunResult;
  /**
   * Each wrong layer, in page order; empty when the spec has no test or
   * does not pass the correct layer (then the wrong ones are not run).
   */
  wrong: WrongLayerOutcome[];
}

/**
 * The hunted kata of `hunt`.
 *
 * @example
 * ```ts
 * import { targetOf } from "./hunt.ts";
 * const layer = { name: "a", title: "A layer", book: "5", file: "a.ts", spec: "a_test.ts", uses: [] };
 * const hunt = { name: "h", title: "Bug hunt: A", book: "5", file: "h_test.ts",
 *   spec: "h_test.ts", uses: ["a"], kind: "bug-hunt" as const, target: "a" };
 * console.assert(targetOf({ katas: [layer, hunt] }, hunt) === layer);
 * ```
 */
export function targetOf(manifest: Manifest, hunt: HuntEntry): KataEntry {
  const target = manifest.katas.find((k) => k.name === hunt.target);
  if (target === undefined) {
    throw new Error(
      `${hunt.name}: its target ${hunt.target} is not in the manifest`,
    );
  }
  return target;
}

/**
 * The swaps that make a hunt's spec, run from `katas/`, `solutions/` or
 * `scratch`, import `layer` (a repository path) wherever it imports the
 * hunted layer, and every other kata's worked answer in place of the
 * learner's file: `base` is {@link solutionSwaps}'s result.
 *
 * @example
 * ```ts
 * import { layerSwaps } from "./hunt.ts";
 * const target = { name: "a", title: "A", book: "5", file: "a.ts", spec: "a_test.ts", uses: [] };
 * const swap = layerSwaps(target, ".selfcheck-1/a/off.wrong.ts", ".selfcheck-1",
 *   { "katas/a/a.ts": "solutions/a/a.ts", "katas/b/b.ts": "solutions/b/b.ts" });
 * console.assert(swap["katas/a/a.ts"] === ".selfcheck-1/a/off.wrong.ts");
 * console.assert(swap["solutions/a/a.ts"] === ".selfcheck-1/a/off.wrong.ts");
 * console.assert(swap[".selfcheck-1/a/a.ts"] === ".selfcheck-1/a/off.wrong.ts");
 * console.assert(swap[".selfcheck-1/b/b.ts"] === "solutions/b/b.ts");
 * ```
 */
export function layerSwaps(
  target: KataEntry,
  layer: string,
  scratch: string,
  base: Record<string, string>,
): Record<string, string> {
  const swap = scratchSwaps(scratch, base);
  for (const top of ["katas", "solutions", scratch]) {
    const path = `${top}/${target.name}/${target.file}`;
    if (path !== layer) swap[path] = layer;
  }
  return swap;
}

/**
 * The page of a hunt's wrong layers, relative to the root.
 *
 * @example
 * ```ts
 * import { wrongLayersPath } from "./hunt.ts";
 * console.assert(wrongLayersPath("relu_bug_hunt") === "solutions/relu_bug_hunt/WRONG_LAYERS.md");
 * ```
 */
export function wrongLayersPath(hunt: string): string {
  return `solutions/${hunt}/WRONG_LAYERS.md`;
}

/**
 * The correct layer of a hunt: the hunted kata's worked answer.
 *
 * @example
 * ```ts
 * import { correctLayer } from "./hunt.ts";
 * const target = { name: "sigmoid_layer", file: "sigmoid.ts" };
 * console.assert(correctLayer(target) === "solutions/sigmoid_layer/sigmoid.ts");
 * ```
 */
export function correctLayer(target: Pick<KataEntry, "name" | "file">): string {
  return `solutions/${target.name}/${target.file}`;
}

/** What a run of a hunt's spec needs. */
export interface HuntSpecOptions {
  /** The repository root. */
  root: string;
  /** The manifest the hunt is in. */
  manifest: Manifest;
  /** The hunt. */
  hunt: HuntEntry;
  /** The scratch folder the wrong layers are in (relative to the root). */
  scratch: string;
  /** The spec to run (repository path); the learner's file by default. */
  spec?: string;
  /** The time limit of each spec run, in milliseconds. */
  timeoutMs?: number;
  /** Abandon the run (its subprocess is killed). */
  signal?: AbortSignal;
}

/**
 * Runs the hunt's spec, with no permissions, against `layer` (a repository
 * path: the correct layer or a wrong one) in place of the hunted layer.
 *
 * @example
 * ```ts ignore
 * import { correctLayer, runAgainst, targetOf } from "./hunt.ts";
 * const result = await runAgainst({ root, manifest, hunt, scratch },
 *   correctLayer(targetOf(manifest, hunt)));
 * ```
 */
export async function runAgainst(
  options: HuntSpecOptions,
  layer: string,
  run: { check?: boolean; printed?: boolean } = {},
): Promise<SpecRunResult> {
  const { root, manifest, hunt, scratch } = options;
  return await runSpec({
    root,
    kata: hunt,
    spec: options.spec,
    swap: layerSwaps(
      targetOf(manifest, hunt),
      layer,
      scratch,
      await solutionSwaps(root, manifest),
    ),
    check: run.check ?? false,
    printed: run.printed ?? false,
    timeoutMs: options.timeoutMs,
    signal: options.signal,
  });
}

/** What {@link runHunt} needs besides {@link HuntSpecOptions}. */
export interface HuntOptions extends HuntSpecOptions {
  /** The wrong layers, as {@link writeWrongLayers} wrote them. */
  layers: WrongLayer[];
  /** Type-check the spec in the run against the correct layer. */
  check?: boolean;
  /** Keep what the tests printed against the correct layer. */
  printed?: boolean;
  /** Spec runs at once against the wrong layers (default 2). */
  parallel?: number;
}

/**
 * Whether a run of the spec against a wrong layer caught it: at least one of
 * its tests failed. A run in which no test ran (the spec did not load, or
 * was killed) catches nothing.
 *
 * @example
 * ```ts
 * import { caughtBy } from "./hunt.ts";
 * const run = (passed: boolean[]) => ({ passed: false, timedOut: false, code: 1, output: "",
 *   tests: passed.map((p, i) => ({ name: `t${i}`, passed: p })) });
 * console.assert(caughtBy(run([true, false])).join() === "t1");
 * console.assert(caughtBy(run([])).length === 0);
 * ```
 */
export function caughtBy(result: SpecRunResult): string[] {
  return result.tests.filter((t) => !t.passed).map((t) => t.name);
}

/**
 * Runs the hunt's spec against the correct layer, and, when it has tests
 * and they all pass, against each wrong layer (all with no permissions and
 * the same time limit).
 *
 * @example
 * ```ts ignore
 * import { runHunt } from "./hunt.ts";
 * import { writeWrongLayers } from "./wrong_layers.ts";
 * const layers = await writeWrongLayers(root, manifest, hunt, scratch);
 * const { correct, wrong } = await runHunt({ root, manifest, hunt, layers, scratch });
 * console.log(correct.passed, wrong.filter((w) => w.caught).length);
 * ```
 */
export async function runHunt(options: HuntOptions): Promise<HuntRun> {
  const target = targetOf(options.manifest, options.hunt);
  const correct = await runAgainst(options, correctLayer(target), options);
  if (!correct.passed) return { correct, wrong: [] };
  const wrong = await pool(
    options.layers.map((layer) => async () => {
      const by = caughtBy(await runAgainst(options, layer.path));
      return {
        name: layer.name,
        title: layer.title,
        caught: by.length > 0,
        by,
      };
    }),
    options.parallel ?? 2,
  );
  return { correct, wrong };
}

/** What a hunt's run comes to, as the runner and the self-check say it. */
export type HuntOutcome =
  /** The spec has no test yet. */
  | { kind: "no tests" }
  /** The spec fails (or does not run against) the correct layer. */
  | { kind: "fails the correct layer" }
  /** It passes the correct layer and catches some of the wrong ones. */
  | {
    kind: "hunting" | "all caught";
    caught: number;
    total: number;
    stillPassing: WrongLayerOutcome[];
  };

/**
 * Sums up a hunt's run. The hunt is done only when the spec has tests, all
 * pass against the correct layer, and every wrong layer is caught.
 *
 * @example
 * ```ts
 * import { huntOutcome } from "./hunt.ts";
 * const correct = { passed: true, timedOut: false, code: 0, output: "",
 *   tests: [{ name: "t", passed: true }] };
 * const wrong = [
 *   { name: "a", title: "A", caught: true, by: ["t"] },
 *   { name: "b", title: "B", caught: false, by: [] },
 * ];
 * const outcome = huntOutcome({ correct, wrong });
 * console.assert(outcome.kind === "hunting" && outcome.caught === 1 && outcome.total === 2);
 * console.assert(huntOutcome({ correct: { ...correct, passed: false, tests: [] }, wrong: [] }).kind === "no tests");
 * ```
 */
export function huntOutcome(run: HuntRun): HuntOutcome {
  const { correct, wrong } = run;
  if (
    correct.tests.length === 0 && correct.code === 0 && !correct.timedOut
  ) {
    return { kind: "no tests" };
  }
  if (!correct.passed) return { kind: "fails the correct layer" };
  const stillPassing = wrong.filter((w) => !w.caught);
  return {
    kind: stillPassing.length === 0 ? "all caught" : "hunting",
    caught: wrong.length - stillPassing.length,
    total: wrong.length,
    stillPassing,
  };
}
