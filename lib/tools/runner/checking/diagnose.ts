/**
 * Reading what `deno check`, `deno test` and the language server say about a
 * learner's file, so the runner can give one clear message with the file and
 * line instead of Deno's full report: type errors (`TS2322 [ERROR]: ...`),
 * syntax errors (`error: SyntaxError: ...`), a module that failed to load,
 * the test that was running when a spec was stopped, and code that tried to
 * reach outside the sandbox.
 *
 * @module
 */

import { displayPath } from "../state/paths.ts";

/** A problem found at a place in a source file. */
export interface SourceProblem {
  /**
   * What kind of problem: it chooses the heading the learner sees. TypeScript's
   * `TS1xxx` codes are its grammar errors, so they count as syntax errors.
   */
  kind: "syntax" | "type" | "error";
  /** The message, with file URLs turned into repository paths. */
  message: string;
  /** The TypeScript code, e.g. `TS2322`, for type errors. */
  code?: string;
  /** The file, relative to the repository with `/`, when known. */
  file?: string;
  /** 1-based line, when known. */
  line?: number;
  /** 1-based column, when known. */
  column?: number;
}

const TS_HEADER = /^(?:error: )?(TS\d+) \[ERROR\]: (.*)$/;
const ERROR_HEADER = /^error: (?:\(in promise\) )?(.*)$/;
const AT_LINE = /^\s+at .*?(file:\/\/\/[^\s)]+?):(\d+):(\d+)\)?\s*$/;
const ANY_AT_LINE = /^\s+at /;
const CODE_FRAME = /^\s*\d*\s*\|/;
const CARET_LINE = /^[\s~^]*$/;
const NOT_PROBLEMS = /^(Test failed|Type checking failed)/;

function withPaths(root: string, text: string): string {
  return text.replace(
    /file:\/\/\/[^\s"'`)]+/g,
    (url) =>
      displayPath(root, url.replace(/[.,:;]+$/, "")) +
      (url.match(/[.,:;]+$/)?.[0] ?? ""),
  );
}

function messageOf(lines: string[]): string {
  const kept: string[] = [];
  for (const line of lines) {
    if (CODE_FRAME.test(line)) continue;
    if (CARET_LINE.test(line)) {
      kept.pop(); // the source line the caret points into
      continue;
    }
    kept.push(line.trim());
  }
  return kept.filter(Boolean).join("\n");
}

function kindOf(message: string): SourceProblem["kind"] {
  return /^SyntaxError: (?!The requested module)|could not be parsed/.test(
      message,
    )
    ? "syntax"
    : "error";
}

/**
 * The problems in Deno's output: every type error, and every `error:` block
 * other than the closing "Test failed" or "Type checking failed". Each gets
 * the first location inside `katas/` it names (else the first location).
 *
 * @example
 * ```ts
 * import { parseProblems } from "./diagnose.ts";
 * const output = [
 *   "TS2322 [ERROR]: Type 'number' is not assignable to type 'string'.",
 *   "    const q: string = 5;",
 *   "          ^",
 *   "    at file:///repo/katas/relu_layer/relu.ts:10:33",
 *   "",
 *   "error: Type checking failed.",
 * ].join("\n");
 * const [p] = parseProblems(output, "/repo");
 * console.assert(p.kind === "type" && p.code === "TS2322");
 * console.assert(p.file === "katas/relu_layer/relu.ts" && p.line === 10 && p.column === 33);
 * ```
 */
export function parseProblems(output: string, root: string): SourceProblem[] {
  const lines = output.replace(/\r\n/g, "\n").split("\n");
  const problems: SourceProblem[] = [];
  for (let i = 0; i < lines.length; i++) {
    const ts = lines[i].match(TS_HEADER);
    const err = ts ? undefined : lines[i].match(ERROR_HEADER);
    if (!ts && !err) continue;
    if (err && NOT_PROBLEMS.test(err[1])) continue;
    const body: string[] = [];
    const places: { url: string; line: number; column: number }[] = [];
    let inTrace = false;
    let j = i + 1;
    for (; j < lines.length && lines[j] !== ""; j++) {
      if (ANY_AT_LINE.test(lines[j])) {
        inTrace = true;
        const at = lines[j].match(AT_LINE);
        if (at) places.push({ url: at[1], line: +at[2], column: +at[3] });
      } else if (inTrace || TS_HEADER.test(lines[j])) {
        break; // the text after a stack trace is Deno's, not the problem's
      } else {
        body.push(lines[j]);
      }
    }
    i = j - 1;
    const place = places.find((p) => p.url.includes("/katas/")) ?? places[0];
    const first = ts ? ts[2] : err![1];
    const message = withPaths(root, messageOf([first, ...body]));
    problems.push({
      kind: ts
        ? (ts[1].startsWith("TS1") ? "syntax" : "type")
        : kindOf(message),
      message,
      ...(ts ? { code: ts[1] } : {}),
      ...(place
        ? {
          file: displayPath(root, place.url),
          line: place.line,
          column: place.column,
        }
        : {}),
    });
  }
  return problems;
}

/**
 * The test that was still running when a `deno test` run was stopped: the
 * last test whose `name ...` line has no result after it (what it printed
 * may follow it).
 *
 * @example
 * ```ts
 * import { hangingTest } from "./diagnose.ts";
 * const output = "running 2 tests from ./a_test.ts\nfirst ... ok (1ms)\nsecond ...";
 * console.assert(hangingTest(output) === "second");
 * console.assert(hangingTest("first ... ok (1ms)\n") === undefined);
 * ```
 */
export function hangingTest(output: string): string | undefined {
  let running: string | undefined;
  for (const line of output.replace(/\r\n/g, "\n").split("\n")) {
    const started = line.match(/^(.+) \.\.\.$/);
    if (started) running = started[1];
    else if (running && line.startsWith(`${running} ... `)) running = undefined;
  }
  return running;
}

/** Where an error was thrown in the learner's file, and that line's code. */
export interface ThrownAt {
  /** The file, relative to the repository with `/`. */
  file: string;
  /** 1-based line. */
  line: number;
  /** 1-based column. */
  column: number;
  /** The line of code there, trimmed; empty when it could not be read. */
  code: string;
}

/**
 * The innermost place in `file` (a repository path) that a failure's stack
 * trace passes through, with that line of `source` (the file's text): where
 * the learner's code threw, or called what threw. None when the trace never
 * enters the file (the spec's own assertion failed).
 *
 * @example
 * ```ts
 * import { thrownAt } from "./diagnose.ts";
 * const trace = [
 *   "    at Tensor.reshape (file:///repo/lib/tensor.ts:120:11)",
 *   "    at Relu.forward (file:///repo/katas/relu_layer/relu.ts:2:14)",
 *   "    at file:///repo/katas/relu_layer/relu_test.ts:9:3",
 * ].join("\n");
 * const at = thrownAt(trace, "/repo", "katas/relu_layer/relu.ts", "a\n  return x.reshape([3]);\n");
 * console.assert(at?.line === 2 && at.code === "return x.reshape([3]);");
 * console.assert(thrownAt(trace, "/repo", "katas/other/o.ts", "") === undefined);
 * ```
 */
export function thrownAt(
  trace: string,
  root: string,
  file: string,
  source: string,
): ThrownAt | undefined {
  for (const line of trace.split("\n")) {
    const at = line.match(AT_LINE);
    if (!at || displayPath(root, at[1]) !== file) continue;
    const number = +at[2];
    return {
      file,
      line: number,
      column: +at[3],
      code: (source.replace(/\r\n/g, "\n").split("\n")[number - 1] ?? "")
        .trim(),
    };
  }
  return undefined;
}

/** The sentence added when learner code reached outside the sandbox. */
export const SANDBOX_NOTE =
  "The katas run sandboxed, with no permissions: your code cannot read or " +
  "write files, open sockets, read the environment or start programs. " +
  "Compute everything from the arguments the spec passes in.";

/**
 * Whether Deno's text says that code asked for a permission it does not have.
 *
 * @example
 * ```ts
 * import { deniedPermission } from "./diagnose.ts";
 * console.assert(deniedPermission('NotCapable: Requires read access to "/etc/hosts"'));
 * console.assert(!deniedPermission("AssertionError: 2 of 6 element(s) differ"));
 * ```
 */
export function deniedPermission(text: string): boolean {
  return /NotCapable|PermissionDenied|Requires (read|write|net|env|run|sys|ffi|import) access/
    .test(text);
}

/**
 * The kata named by a `NotImplementedError` message ("... your part of kata
 * "relu_layer" ..."), if the message is one.
 *
 * @example
 * ```ts
 * import { notImplementedKata } from "./diagnose.ts";
 * const m = 'NotImplementedError: Relu.forward is not implemented yet. It is your part of kata "relu_layer": read ...';
 * console.assert(notImplementedKata(m) === "relu_layer");
 * console.assert(notImplementedKata("Error: no") === undefined);
 * ```
 */
export function notImplementedKata(message: string): string | undefined {
  return message.match(/^NotImplementedError: [\s\S]*?part of kata "([^"]+)"/)
    ?.[1];
}
