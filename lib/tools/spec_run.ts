/**
 * Runs one kata's spec in a `deno test` subprocess with no permissions, with
 * any learner file swapped for another (a solution, a worked answer with a
 * classic mistake applied, the shipped stub) through a generated import map,
 * and reads back what each test did.
 * The self-check and the runner both use it.
 *
 * @module
 */

import { isAbsolute, join, resolve } from "node:path";
import { pathToFileURL } from "node:url";
import type { KataEntry } from "./manifest.ts";
import { makeTempDir, removeTempDir } from "./temp_dirs.ts";

/** What to run. */
export interface SpecRunOptions {
  /** The repository root. */
  root: string;
  /** The kata whose spec runs. */
  kata: KataEntry;
  /**
   * The spec to run instead of the kata's own, relative to `root`: a bug
   * hunt's worked spec, or a scratch copy of it with a weak-spec mistake
   * applied. (An import map cannot swap the file Deno starts from.)
   */
  spec?: string;
  /**
   * Files to swap: a learner file's path (relative to `root`) mapped to the
   * file that takes its place wherever it is imported.
   */
  swap?: Record<string, string>;
  /** Type-check before running (default true). */
  check?: boolean;
  /** Kill the subprocess after this many milliseconds (default 120 000). */
  timeoutMs?: number;
  /** Kill the subprocess when this is aborted (the result is then moot). */
  signal?: AbortSignal;
  /**
   * Environment variables the spec may read (default none). Mutation testing
   * needs one: the variable that tells instrumented code which mutant is on.
   */
  allowEnv?: string[];
  /**
   * Keep what each test printed (`console.log`, `console.error`) in its
   * {@link TestOutcome.printed}; `deno test --quiet` would drop it.
   */
  printed?: boolean;
}

/** One test of the spec. */
export interface TestOutcome {
  /** The test's name: a sentence. */
  name: string;
  /** Whether it passed. */
  passed: boolean;
  /** The failure message, when it failed. */
  message?: string;
  /** The failure's stack trace (its `at ...` lines), when it has one. */
  trace?: string;
  /** What the test printed, line by line, when it printed anything. */
  printed?: string[];
}

/** What the run gave. */
export interface SpecRunResult {
  /** True when every test ran and passed. */
  passed: boolean;
  /** Each test, in the order it ran; empty if the spec did not load. */
  tests: TestOutcome[];
  /** True when the subprocess was killed for running too long. */
  timedOut: boolean;
  /** The subprocess's exit code. */
  code: number;
  /** Everything it printed (stdout then stderr), without colour. */
  output: string;
}

function toUrl(root: string, path: string): string {
  const abs = isAbsolute(path) ? path : resolve(root, path);
  return pathToFileURL(abs).href;
}

/**
 * The `deno` arguments that swap learner files as `swap` says (repository
 * paths, or absolute ones): an import map written into `dir`, or nothing when
 * there is nothing to swap. The runner's type check uses it too.
 *
 * @example
 * ```ts ignore
 * import { importMapArgs } from "./spec_run.ts";
 * const dir = await Deno.makeTempDir();
 * const args = await importMapArgs("/repo", { "katas/a/a.ts": "solutions/a/a.ts" }, dir);
 * console.log(args); // ["--import-map=<dir>/import_map.json"]
 * ```
 */
export async function importMapArgs(
  root: string,
  swap: Record<string, string>,
  dir: string,
): Promise<string[]> {
  if (Object.keys(swap).length === 0) return [];
  const imports = Object.fromEntries(
    Object.entries(swap).map((
      [from, to],
    ) => [toUrl(root, from), toUrl(root, to)]),
  );
  const map = join(dir, "import_map.json");
  await Deno.writeTextFile(map, JSON.stringify({ imports }, null, 2));
  return [`--import-map=${map}`];
}

function decodeXml(text: string): string {
  return text
    .replace(/&lt;/g, "<")
    .replace(/&gt;/g, ">")
    .replace(/&quot;/g, '"')
    .replace(/&apos;/g, "'")
    .replace(/&#(\d+);/g, (_, n) => String.fromCharCode(Number(n)))
    .replace(/&amp;/g, "&");
}

/**
 * Reads the test cases out of a JUnit report written by `deno test`.
 *
 * @example
 * ```ts
 * import { parseJunit } from "./spec_run.ts";
 * const xml = `<testcase name="a &amp; b" classname="x"></testcase>
 * <testcase name="c" classname="x"><failure message="Uncaught Error: no">x</failure></testcase>`;
 * const tests = parseJunit(xml);
 * console.assert(tests.length === 2 && tests[0].name === "a & b" && tests[0].passed);
 * console.assert(!tests[1].passed && tests[1].message === "Error: no");
 * ```
 */
export function parseJunit(xml: string): TestOutcome[] {
  const cases = xml.matchAll(
    /<testcase name="([^"]*)"[^>]*?(?:\/>|>([\s\S]*?)<\/testcase>)/g,
  );
  return [...cases].map(([, name, body = ""]) => {
    // A test cancelled by an uncaught error has <error> instead of <failure>.
    const failure = body.match(
      /<(?:failure|error) message="([^"]*)"[^>]*>([\s\S]*?)<\/(?:failure|error)>/,
    ) ?? body.match(/<(?:failure|error) message="([^"]*)"/);
    if (!failure) return { name: decodeXml(name), passed: true };
    const trace = decodeXml(failure[2] ?? "").split("\n")
      .filter((l) => /^\s+at /.test(l)).join("\n");
    return {
      name: decodeXml(name),
      passed: false,
      message: decodeXml(failure[1]).replace(/^Uncaught /, ""),
      ...(trace ? { trace } : {}),
    };
  });
}

/**
 * What each test printed, by test name, from the text `deno test` writes
 * without `--quiet`: the lines between `------- output -------` and
 * `----- output end -----` after a test's `name ...` line.
 *
 * @example
 * ```ts
 * import { printedByTest } from "./spec_run.ts";
 * const text = [
 *   "running 2 tests from ./a_test.ts",
 *   "first ...",
 *   "------- output -------",
 *   "x is 3",
 *   "----- output end -----",
 *   "first ... FAILED (1ms)",
 *   "second ... ok (1ms)",
 * ].join("\n");
 * const printed = printedByTest(text);
 * console.assert(printed.get("first")?.join() === "x is 3");
 * console.assert(!printed.has("second"));
 * ```
 */
export function printedByTest(output: string): Map<string, string[]> {
  const printed = new Map<string, string[]>();
  let test: string | undefined;
  let lines: string[] | undefined;
  for (const line of output.replace(/\r\n/g, "\n").split("\n")) {
    if (lines) {
      if (line === "----- output end -----") {
        if (test !== undefined && !printed.has(test)) printed.set(test, lines);
        lines = undefined;
      } else lines.push(line);
    } else if (line === "------- output -------") {
      lines = [];
    } else {
      test = line.match(/^(.+) \.\.\.$/)?.[1] ?? test;
    }
  }
  return printed;
}

/**
 * Runs the kata's spec as described and returns the outcome of every test.
 *
 * @example
 * ```ts ignore
 * import { runSpec } from "./spec_run.ts";
 * import { loadManifest } from "./manifest.ts";
 * const { katas } = await loadManifest(".");
 * const result = await runSpec({ root: Deno.cwd(), kata: katas[0] });
 * console.log(result.passed);
 * ```
 */
export async function runSpec(options: SpecRunOptions): Promise<SpecRunResult> {
  const {
    root,
    kata,
    swap = {},
    check = true,
    timeoutMs = 120_000,
    signal,
    allowEnv = [],
  } = options;
  const scratch = await makeTempDir("kata_spec_");
  try {
    const junit = join(scratch, "junit.xml");
    const args = [
      "test",
      "--no-prompt",
      ...(options.printed ? [] : ["--quiet"]),
      `--junit-path=${junit}`,
      `--config=${join(root, "deno.json")}`,
    ];
    if (!check) args.push("--no-check");
    if (allowEnv.length > 0) args.push(`--allow-env=${allowEnv.join(",")}`);
    args.push(...await importMapArgs(root, swap, scratch));
    args.push(
      options.spec === undefined
        ? join(root, "katas", kata.name, kata.spec)
        : resolve(root, options.spec),
    );
    const child = new Deno.Command(Deno.execPath(), {
      args,
      cwd: root,
      env: { NO_COLOR: "1", RUST_BACKTRACE: "0" },
      stdin: "null",
      stdout: "piped",
      stderr: "piped",
      signal,
    }).spawn();
    let timedOut = false;
    const timer = setTimeout(() => {
      timedOut = true;
      try {
        child.kill("SIGKILL");
      } catch {
        // It ended on its own between the timer and the kill.
      }
    }, timeoutMs);
    const { code, stdout, stderr } = await child.output();
    clearTimeout(timer);
    const decoder = new TextDecoder();
    const output = (decoder.decode(stdout) + decoder.decode(stderr))
      // deno-lint-ignore no-control-regex
      .replace(/\x1b\[[0-9;]*m/g, "");
    let tests: TestOutcome[] = [];
    try {
      tests = parseJunit(await Deno.readTextFile(junit));
    } catch {
      // No report: the spec did not load (a syntax or type error), or the
      // process was killed. `output` says which.
    }
    if (options.printed) {
      const printed = printedByTest(output);
      tests = tests.map((t) =>
        printed.has(t.name) ? { ...t, printed: printed.get(t.name) } : t
      );
    }
    const passed = code === 0 && !timedOut && tests.length > 0 &&
      tests.every((t) => t.passed);
    return { passed, tests, timedOut, code, output };
  } finally {
    await removeTempDir(scratch);
  }
}
