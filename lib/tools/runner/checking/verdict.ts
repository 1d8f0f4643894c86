/**
 * Checking one kata: run its spec with no permissions (through
 * {@link runSpec}), type-check the learner's file, and sum both up as a
 * {@link Verdict} the screens can print.
 *
 * The spec runs with `--no-check` (so its time limit counts only the tests)
 * while, at the same time, the types are checked: through the language
 * server when one is given and warm, else with `deno check`, whose cache
 * makes an unchanged kata cost almost nothing.
 *
 * @module
 */

import {
  dependenciesOf,
  isHunt,
  type KataEntry,
  type Manifest,
} from "../../manifest.ts";
import { correctLayer, targetOf, wrongLayersPath } from "../../hunt.ts";
import { checkHunt, type HuntReport } from "./hunt_verdict.ts";
import { isOfflineFailure, OFFLINE_ADVICE } from "../../offline.ts";
import { shippedVersion, STUB_MARKER } from "../../shipped.ts";
import {
  runSpec,
  type SpecRunResult,
  type TestOutcome,
} from "../../spec_run.ts";
import { denoCheck } from "./type_check.ts";
import {
  deniedPermission,
  hangingTest,
  notImplementedKata,
  parseProblems,
  type SourceProblem,
  type ThrownAt,
  thrownAt,
} from "./diagnose.ts";
import { rankFailures } from "./ranking.ts";
import { sha256 } from "../../content_hash.ts";
import { ContentHasher, recalled, remember } from "./verdict_cache.ts";
import type { LspChecker } from "./lsp_check.ts";
import { exists, inRoot, kataPaths } from "../state/paths.ts";

/** Where a learner stands on a kata. */
export type KataStatus = "solved" | "failing" | "not started" | "missing";

/** What checking a kata found. */
export interface Verdict {
  /** The kata. */
  kata: KataEntry;
  /** Its 1-based place in the manifest. */
  number: number;
  /**
   * `solved` when every test passes and the file type-checks; `not started`
   * when the learner's file is still a stub and every test fails only
   * because a stub throws "not implemented"; `missing` when the kata is not
   * in `katas/`.
   */
  status: KataStatus;
  /** How many tests passed. */
  passedTests: number;
  /** How many tests ran. */
  totalTests: number;
  /** The most telling failing test (see `ranking.ts`), with its message. */
  failure?: TestOutcome;
  /** The names of the other failing tests, in the spec's order. */
  otherFailures: string[];
  /** Where in the learner's file the shown failure was thrown, if it was. */
  thrown?: ThrownAt;
  /** Syntax, type or loading errors, the one to fix first at the front. */
  problems: SourceProblem[];
  /** Set when the spec was stopped for running too long. */
  timedOut?: { seconds: number; test?: string };
  /** Whether the code asked for a permission (files, network...). */
  sandbox: boolean;
  /** Earlier katas whose stubs still threw "not implemented" here. */
  unsolvedDependencies: string[];
  /** Earlier katas whose worked answers stood in for the learner's files. */
  usedSolutions: string[];
  /** Whether the learner's file is gone from the kata folder. */
  missingFile: boolean;
  /**
   * Whether the spec is gone from a kata folder that is there (deleted,
   * rather than a kata not in the copy yet).
   */
  missingSpec?: boolean;
  /** The SHA-256 of the learner's file as checked. */
  fileHash?: string;
  /**
   * Whether the spec differs from the one shipped: the verdict is then
   * against the learner's edited spec, and never `solved`.
   */
  editedSpec: boolean;
  /** For a bug hunt: the wrong layers the learner's spec catches, and not. */
  hunt?: HuntReport;
}

/** How to check. */
export interface CheckOptions {
  /** The repository root. */
  root: string;
  /** The manifest the kata is in. */
  manifest: Manifest;
  /** Stop the spec after this many milliseconds. */
  timeoutMs: number;
  /** Take the katas this one imports from `solutions/` instead. */
  useSolutions?: boolean;
  /**
   * Take only the imported katas before this 0-based manifest index from
   * `solutions/` (the learner started at that kata); `useSolutions` wins.
   */
  solutionsBefore?: number;
  /** Hashes the files for the verdict cache, shared by a run's checks. */
  hasher?: ContentHasher;
  /** Type-check through this language server (else `deno test` checks). */
  lsp?: LspChecker;
  /** Abandon the check (its subprocess is killed). */
  signal?: AbortSignal;
}

/**
 * Checks one kata and returns the verdict. Learner files are only read.
 *
 * @example
 * ```ts ignore
 * import { checkKata } from "./verdict.ts";
 * import { loadManifest } from "../../manifest.ts";
 * const manifest = await loadManifest(".");
 * const v = await checkKata(manifest.katas[0], { root: Deno.cwd(), manifest, timeoutMs: 10_000 });
 * console.log(v.status, v.failure?.message);
 * ```
 */
export async function checkKata(
  kata: KataEntry,
  options: CheckOptions,
): Promise<Verdict> {
  const { root, timeoutMs, lsp, signal } = options;
  const paths = kataPaths(kata);
  const { verdict, swap } = startVerdict(kata, options);
  const known = await recallVerdict(kata, options);
  if (known) return known;
  if (!await exists(inRoot(root, paths.spec))) {
    return await exists(inRoot(root, paths.file))
      ? { ...verdict, missingSpec: true }
      : { ...verdict, status: "missing" };
  }
  let text: string;
  try {
    text = await Deno.readTextFile(inRoot(root, paths.file));
  } catch {
    return { ...verdict, missingFile: true };
  }
  const key = await verdictKey(kata, swap, options);
  signal?.throwIfAborted();
  if (isHunt(kata)) {
    const hunted = await checkHunt(kata, options, verdict, swap, text);
    if (!signal?.aborted) await remember(root, hunted, key);
    return hunted;
  }
  const typeCheck = () => denoCheck({ root, file: paths.spec, swap, signal });
  const byName = new Map(options.manifest.katas.map((k) => [k.name, k]));
  const files = [
    paths.file,
    paths.spec,
    ...dependenciesOf(options.manifest, kata.name).map((d) =>
      kataPaths(byName.get(d)!).file
    ),
  ];
  const [result, types, editedSpec] = await Promise.all([
    runSpec({
      root,
      kata,
      swap,
      check: false,
      timeoutMs,
      signal,
      printed: true,
    }),
    lsp && verdict.usedSolutions.length === 0
      ? lsp.check(files).then((found) => found ?? typeCheck())
      : typeCheck(),
    specEdited(root, paths.spec),
  ]);
  signal?.throwIfAborted();
  const judged = judgeRun(kata, result, {
    root,
    timeoutMs,
    types,
    file: paths.file,
    text,
  });
  if (judged.status === "not started" && !text.includes(STUB_MARKER)) {
    // Only other katas' stubs fail here: the learner has begun this one.
    judged.status = "failing";
  }
  if (editedSpec && judged.status === "solved") judged.status = "failing";
  const checked: Verdict = {
    ...verdict,
    ...judged,
    editedSpec,
    fileHash: await sha256(text),
  };
  if (!signal?.aborted) await remember(root, checked, key);
  return checked;
}

function startVerdict(
  kata: KataEntry,
  options: CheckOptions,
): { verdict: Verdict; swap: Record<string, string> } {
  const { manifest } = options;
  const byName = new Map(manifest.katas.map((k) => [k.name, k]));
  const deps = dependenciesOf(manifest, kata.name).map((n) => byName.get(n)!);
  // A hunt's spec always runs against worked answers: the learner's own
  // layer is not what it is hunting.
  const swapped = options.useSolutions || isHunt(kata)
    ? deps
    : deps.filter((d) =>
      manifest.katas.indexOf(d) < (options.solutionsBefore ?? 0)
    );
  const verdict: Verdict = {
    kata,
    number: manifest.katas.indexOf(kata) + 1,
    status: "failing",
    passedTests: 0,
    totalTests: 0,
    otherFailures: [],
    problems: [],
    sandbox: false,
    unsolvedDependencies: [],
    usedSolutions: isHunt(kata) ? [] : swapped.map((d) => d.name),
    missingFile: false,
    editedSpec: false,
  };
  const swap = Object.fromEntries(
    swapped.map((d) => [kataPaths(d).file, kataPaths(d).solution]),
  );
  return { verdict, swap };
}

async function verdictKey(
  kata: KataEntry,
  swap: Record<string, string>,
  options: CheckOptions,
): Promise<string> {
  const paths = kataPaths(kata);
  const hasher = options.hasher ?? new ContentHasher(options.root);
  // A hunt depends also on its wrong layers and on the correct layer.
  const huntFiles = isHunt(kata)
    ? [
      wrongLayersPath(kata.name),
      correctLayer(targetOf(options.manifest, kata)),
    ]
    : [];
  const files = await hasher.closure(
    [paths.spec, paths.file, "deno.json", ...huntFiles],
    swap,
  );
  return sha256(
    [files, Deno.version.deno, JSON.stringify(Object.keys(swap))].join("\n"),
  );
}

/**
 * The verdict remembered for the kata's files as they are now (see
 * `verdict_cache.ts`), without running anything; undefined when they have
 * changed since, or were never checked.
 *
 * @example
 * ```ts ignore
 * import { recallVerdict } from "./verdict.ts";
 * const known = await recallVerdict(kata, { root, manifest, timeoutMs: 10_000 });
 * ```
 */
export async function recallVerdict(
  kata: KataEntry,
  options: CheckOptions,
): Promise<Verdict | undefined> {
  const { verdict, swap } = startVerdict(kata, options);
  const known = await recalled(
    options.root,
    kata,
    await verdictKey(kata, swap, options),
  );
  // The manifest is not in the key: the number comes from the one in force.
  return known && { ...known, number: verdict.number };
}

async function specEdited(root: string, spec: string): Promise<boolean> {
  const shipped = await shippedVersion(root, spec);
  if (shipped === undefined) return false;
  const text = await Deno.readTextFile(inRoot(root, spec)).catch(() => "");
  const lf = (t: string) => t.replace(/\r\n/g, "\n");
  return lf(text) !== lf(shipped.text);
}

/** What {@link judgeRun} needs besides the run. */
export interface JudgeOptions {
  /** The repository root. */
  root: string;
  /** The time limit the run had, in milliseconds. */
  timeoutMs: number;
  /** Type errors found beside the run. */
  types: SourceProblem[];
  /** The file that stood in for the learner's (repository path). */
  file: string;
  /** Its text, to quote the line an error was thrown at. */
  text: string;
}

/**
 * Sums up a run of `kata`'s spec: status, counts, the most telling failure
 * (and where in `options.file` it was thrown), problems, time-out, sandbox
 * and unsolved earlier katas.
 *
 * @example
 * ```ts
 * import { judgeRun } from "./verdict.ts";
 * const kata = { name: "k", title: "K", book: "1", file: "k.ts", spec: "k_test.ts", uses: [] };
 * const result = { passed: false, timedOut: false, code: 1, output: "", tests: [
 *   { name: "values", passed: false, message: "differ" },
 *   { name: "keeps x", passed: false, message: "K.forward changed its argument x" },
 * ] };
 * const v = judgeRun(kata, result, { root: "/r", timeoutMs: 1000, types: [], file: "katas/k/k.ts", text: "" });
 * console.assert(v.failure?.name === "keeps x" && v.otherFailures[0] === "values");
 * ```
 */
export function judgeRun(
  kata: KataEntry,
  result: SpecRunResult,
  options: JudgeOptions,
): Partial<Verdict> & Pick<Verdict, "status" | "otherFailures"> {
  const judged = {
    otherFailures: [],
    ...judge(kata, result, options.types, options.root, options.timeoutMs),
  } as Partial<Verdict> & Pick<Verdict, "status" | "otherFailures">;
  const trace = judged.failure?.trace;
  if (trace && !notImplementedKata(judged.failure?.message ?? "")) {
    judged.thrown = thrownAt(trace, options.root, options.file, options.text);
  }
  return judged;
}

function ranked(failed: TestOutcome[]): Partial<Verdict> {
  const [failure, ...others] = rankFailures(failed);
  const rest = new Set(others);
  return {
    failure,
    otherFailures: failed.filter((t) => rest.has(t)).map((t) => t.name),
  };
}

function judge(
  kata: KataEntry,
  result: SpecRunResult,
  types: SourceProblem[],
  root: string,
  timeoutMs: number,
): Partial<Verdict> {
  const { tests } = result;
  const failed = tests.filter((t) => !t.passed);
  // When no test failed on its own (none ran, or an uncaught error cancelled
  // them), what went wrong is in Deno's output: a module that did not load,
  // or that uncaught error.
  const noOwnFailure = failed.every((t) => t.message === "Cancelled");
  const outputSays = !result.passed && !result.timedOut && noOwnFailure;
  const fromOutput = outputSays ? parseProblems(result.output, root) : [];
  const syntax = fromOutput.filter((p) => p.kind === "syntax");
  let problems = syntax.length ? syntax : types.length ? types : fromOutput;
  if (outputSays && isOfflineFailure(result.output)) {
    problems = [{ kind: "error", message: OFFLINE_ADVICE }];
  }
  if (outputSays && problems.length === 0) {
    problems = [{
      kind: "error",
      message: "The spec did not run. Deno said:\n" +
        result.output.trim().split("\n").slice(-12).join("\n"),
    }];
  }
  const messages = noOwnFailure ? [] : failed.map((t) => t.message ?? "");
  const stubs = messages.map(notImplementedKata);
  const notStarted = problems.length === 0 && !result.timedOut &&
    tests.length > 0 && !noOwnFailure && failed.length === tests.length &&
    stubs.every((k) => k !== undefined);
  const solved = result.passed && problems.length === 0;
  return {
    status: solved ? "solved" : notStarted ? "not started" : "failing",
    passedTests: tests.length - failed.length,
    totalTests: tests.length,
    ...(failed.length && !noOwnFailure ? ranked(failed) : {}),
    problems,
    ...(result.timedOut
      ? {
        timedOut: {
          seconds: timeoutMs / 1000,
          test: hangingTest(result.output),
        },
      }
      : {}),
    sandbox: deniedPermission(
      [...messages, ...problems.map((p) => p.message), result.output].join(
        "\n",
      ),
    ),
    unsolvedDependencies: [
      ...new Set(
        stubs.filter((k): k is string => k !== undefined && k !== kata.name),
      ),
    ],
  };
}
