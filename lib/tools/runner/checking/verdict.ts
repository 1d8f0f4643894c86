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
  type KataEntry,
  type Manifest,
} from "../../manifest.ts";
import { STUB_MARKER } from "../../shipped.ts";
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
} from "./diagnose.ts";
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
  /** The first failing test, with its message. */
  failure?: TestOutcome;
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
  const { root, manifest, timeoutMs, lsp, signal } = options;
  const paths = kataPaths(kata);
  const byName = new Map(manifest.katas.map((k) => [k.name, k]));
  const deps = dependenciesOf(manifest, kata.name).map((n) => byName.get(n)!);
  const useSolutions = (options.useSolutions ?? false) && deps.length > 0;
  const verdict: Verdict = {
    kata,
    number: manifest.katas.indexOf(kata) + 1,
    status: "failing",
    passedTests: 0,
    totalTests: 0,
    problems: [],
    sandbox: false,
    unsolvedDependencies: [],
    usedSolutions: useSolutions ? deps.map((d) => d.name) : [],
    missingFile: false,
  };
  if (!await exists(inRoot(root, paths.spec))) {
    return { ...verdict, status: "missing" };
  }
  let text: string;
  try {
    text = await Deno.readTextFile(inRoot(root, paths.file));
  } catch {
    return { ...verdict, missingFile: true };
  }
  signal?.throwIfAborted();
  const swap = useSolutions
    ? Object.fromEntries(
      deps.map((d) => [kataPaths(d).file, kataPaths(d).solution]),
    )
    : {};
  const typeCheck = () => denoCheck({ root, file: paths.spec, swap, signal });
  const files = [paths.file, paths.spec, ...deps.map((d) => kataPaths(d).file)];
  const [result, types] = await Promise.all([
    runSpec({ root, kata, swap, check: false, timeoutMs, signal }),
    lsp && !useSolutions
      ? lsp.check(files).then((found) => found ?? typeCheck())
      : typeCheck(),
  ]);
  signal?.throwIfAborted();
  const judged = judge(kata, result, types, root, timeoutMs);
  if (judged.status === "not started" && !text.includes(STUB_MARKER)) {
    // Only other katas' stubs fail here: the learner has begun this one.
    judged.status = "failing";
  }
  return { ...verdict, ...judged };
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
    ...(failed.length && !noOwnFailure ? { failure: failed[0] } : {}),
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
