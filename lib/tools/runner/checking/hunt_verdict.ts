/**
 * Checking a bug-hunt kata: the learner's spec runs against the correct
 * layer, then against each wrong layer (see `lib/tools/hunt.ts`), and the
 * verdict says how many it catches and names, by their titles only, those it
 * does not catch yet.
 *
 * @module
 */

import { join } from "node:path";
import type { HuntEntry } from "../../manifest.ts";
import {
  caughtBy,
  huntOutcome,
  runAgainst,
  runHunt,
  targetOf,
  type WrongLayer,
} from "../../hunt.ts";
import { DiffUnavailableError, MistakeError } from "../../mistakes.ts";
import { writeWrongLayers } from "../../wrong_layers.ts";
import { scratchFolder } from "../../scratch.ts";
import { removeTempDir, track } from "../../temp_dirs.ts";
import { sha256 } from "../../content_hash.ts";
import type { SourceProblem } from "./diagnose.ts";
import { denoCheck } from "./type_check.ts";
import { type CheckOptions, judgeRun, type Verdict } from "./verdict.ts";
import { kataPaths } from "../state/paths.ts";

/** What a bug hunt's verdict adds: the wrong layers caught and not. */
export interface HuntReport {
  /** The hunted layer's kata title, e.g. "Sigmoid layer". */
  layer: string;
  /** How many wrong layers there are. */
  total: number;
  /** The names of those the learner's spec catches. */
  caught: string[];
  /** Those it does not catch yet, by name and title (never their code). */
  stillPassing: { name: string; title: string }[];
  /** True when the spec fails the correct layer: the spec is wrong. */
  specWrong: boolean;
}

let scratches = 0;

/**
 * Writes the hunt's wrong layers into `scratch`; a page that does not parse
 * or apply, or a diff library that cannot be loaded offline, becomes a
 * problem to show instead.
 */
async function wrongLayers(
  options: CheckOptions,
  hunt: HuntEntry,
  scratch: string,
): Promise<WrongLayer[] | SourceProblem> {
  try {
    return await writeWrongLayers(
      options.root,
      options.manifest,
      hunt,
      scratch,
    );
  } catch (e) {
    if (e instanceof DiffUnavailableError || e instanceof MistakeError) {
      return { kind: "error", message: e.message };
    }
    throw e;
  }
}

/** A scratch folder of this process's own, tracked until removed. */
function newScratch(root: string): string {
  // One folder per check: a watching runner may start the next check
  // before the last one's folder is gone.
  const scratch = `${scratchFolder()}-hunt-${++scratches}`;
  track(join(root, scratch));
  return scratch;
}

/**
 * Checks a bug hunt: `verdict` is the verdict begun by `checkKata`, `swap`
 * the worked answers for the katas the hunt uses (for the type check), and
 * `text` the learner's spec.
 *
 * @example
 * ```ts ignore
 * import { checkHunt } from "./hunt_verdict.ts";
 * const v = await checkHunt(hunt, options, verdict, swap, text);
 * console.log(v.hunt?.caught.length, "of", v.hunt?.total);
 * ```
 */
export async function checkHunt(
  hunt: HuntEntry,
  options: CheckOptions,
  verdict: Verdict,
  swap: Record<string, string>,
  text: string,
): Promise<Verdict> {
  const { root, manifest, timeoutMs, signal } = options;
  const paths = kataPaths(hunt);
  const report: HuntReport = {
    layer: targetOf(manifest, hunt).title,
    total: 0,
    caught: [],
    stillPassing: [],
    specWrong: false,
  };
  const fileHash = await sha256(text);
  const scratch = newScratch(root);
  try {
    const layers = await wrongLayers(options, hunt, scratch);
    if (!Array.isArray(layers)) {
      return { ...verdict, problems: [layers], hunt: report, fileHash };
    }
    report.total = layers.length;
    const [run, types] = await Promise.all([
      runHunt({
        root,
        manifest,
        hunt,
        layers,
        scratch,
        timeoutMs,
        signal,
        printed: true,
      }),
      denoCheck({ root, file: paths.file, swap, signal }),
    ]);
    const outcome = huntOutcome(run);
    if (outcome.kind === "no tests" && types.length === 0) {
      return { ...verdict, status: "not started", hunt: report, fileHash };
    }
    const judged = judgeRun(hunt, run.correct, {
      root,
      timeoutMs,
      types,
      file: paths.file,
      text,
    });
    report.specWrong = outcome.kind === "fails the correct layer";
    report.caught = run.wrong.filter((w) => w.caught).map((w) => w.name);
    report.stillPassing = run.wrong.filter((w) => !w.caught).map((w) => ({
      name: w.name,
      title: w.title,
    }));
    const solved = outcome.kind === "all caught" &&
      (judged.problems ?? []).length === 0;
    return {
      ...verdict,
      ...judged,
      // Against the correct layer the stubs of other katas never run: a
      // failing spec is the learner's, never "not started".
      status: solved ? "solved" : "failing",
      unsolvedDependencies: [],
      hunt: report,
      fileHash,
    };
  } finally {
    await removeTempDir(join(root, scratch));
  }
}

/**
 * Runs the learner's spec against the wrong layer `name` of `hunt` alone (for
 * `mistakes <hunt> <name> --try`): how many tests it has, and those that
 * fail against it.
 *
 * @example
 * ```ts ignore
 * import { tryWrongLayer } from "./hunt_verdict.ts";
 * const { tests, failed } = await tryWrongLayer(options, hunt, "log_for_exp");
 * ```
 */
export async function tryWrongLayer(
  options: CheckOptions,
  hunt: HuntEntry,
  name: string,
): Promise<{ tests: number; failed: string[] } | SourceProblem> {
  const scratch = newScratch(options.root);
  try {
    const layers = await wrongLayers(options, hunt, scratch);
    if (!Array.isArray(layers)) return layers;
    const layer = layers.find((l) => l.name === name);
    if (layer === undefined) {
      return {
        kind: "error",
        message: `${hunt.name} has no wrong layer ${name}`,
      };
    }
    const result = await runAgainst(
      { ...options, hunt, scratch },
      layer.path,
    );
    return { tests: result.tests.length, failed: caughtBy(result) };
  } finally {
    await removeTempDir(join(options.root, scratch));
  }
}
