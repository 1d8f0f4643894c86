/**
 * Type-checking a kata with `deno check`, apart from running its spec: the
 * spec then runs with `--no-check` at the same time, and the time limit
 * counts only the running of the tests, never the type check. Deno caches a
 * passing check, so an unchanged kata costs a few milliseconds.
 *
 * @module
 */

import { makeTempDir, removeTempDir } from "../../temp_dirs.ts";
import { join } from "node:path";
import { parseProblems, type SourceProblem } from "./diagnose.ts";
import { inRoot } from "../state/paths.ts";
import { importMapArgs } from "../../spec_run.ts";

/** What to check. */
export interface TypeCheckOptions {
  /** The repository root. */
  root: string;
  /** The file to check with everything it imports (repository path). */
  file: string;
  /** Learner files to swap for others (repository paths), as in `runSpec`. */
  swap?: Record<string, string>;
  /** Abandon the check (its subprocess is killed). */
  signal?: AbortSignal;
}

/**
 * The syntax and type errors `deno check` finds in `file` and its imports.
 *
 * @example
 * ```ts ignore
 * import { denoCheck } from "./type_check.ts";
 * const problems = await denoCheck({ root: Deno.cwd(), file: "katas/relu_layer/relu_test.ts" });
 * console.log(problems.length === 0 ? "types are fine" : problems[0].message);
 * ```
 */
export async function denoCheck(
  options: TypeCheckOptions,
): Promise<SourceProblem[]> {
  const { root, file, swap = {}, signal } = options;
  const scratch = await makeTempDir("kata_check_");
  try {
    const args = ["check", "--quiet", `--config=${join(root, "deno.json")}`];
    args.push(...await importMapArgs(root, swap, scratch));
    args.push(inRoot(root, file));
    const { success, stdout, stderr } = await new Deno.Command(
      Deno.execPath(),
      {
        args,
        cwd: root,
        env: { NO_COLOR: "1", RUST_BACKTRACE: "0" },
        stdin: "null",
        stdout: "piped",
        stderr: "piped",
        signal,
      },
    ).output();
    if (success) return [];
    const decoder = new TextDecoder();
    const output = decoder.decode(stdout) + decoder.decode(stderr);
    const problems = parseProblems(output, root);
    return problems.length ? problems : [{
      kind: "error",
      message: "deno check failed. It said:\n" +
        output.trim().split("\n").slice(-12).join("\n"),
    }];
  } finally {
    await removeTempDir(scratch);
  }
}
