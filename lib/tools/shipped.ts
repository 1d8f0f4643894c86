/**
 * Finding a kata's stub as it was shipped, even after the learner has edited
 * (and perhaps committed) their file. The shipped stub is the newest version
 * of the file that still calls `notImplemented(`, looked for first in the
 * history of the branch the learner cloned from (`origin/HEAD`, then the
 * upstream branch), where the learner's own commits are not, and then in
 * `HEAD`'s; without git, the working file itself if it still calls it.
 *
 * @module
 */

import { join } from "node:path";

/** The marker every shipped stub contains. */
export const STUB_MARKER = "notImplemented(";

/** A shipped stub and where it came from. */
export interface ShippedStub {
  /** The stub's source text. */
  text: string;
  /** `git <commit>` or `working tree`. */
  source: string;
}

async function git(root: string, args: string[]): Promise<string | undefined> {
  try {
    const { success, stdout } = await new Deno.Command("git", {
      args: ["-C", root, ...args],
      stdout: "piped",
      stderr: "null",
      stdin: "null",
    }).output();
    return success ? new TextDecoder().decode(stdout) : undefined;
  } catch {
    return undefined; // git is not installed
  }
}

/**
 * The shipped version of `path` (relative to `root`, with `/` separators), or
 * undefined when neither git history nor the working tree has one.
 *
 * @example
 * ```ts ignore
 * import { shippedStub } from "./shipped.ts";
 * const stub = await shippedStub(".", "katas/relu_layer/relu.ts");
 * console.log(stub?.source);
 * ```
 */
export async function shippedStub(
  root: string,
  path: string,
): Promise<ShippedStub | undefined> {
  for (const ref of ["origin/HEAD", "@{upstream}", "HEAD"]) {
    const log = await git(root, ["log", "--format=%H", ref, "--", path]);
    for (const commit of log?.split("\n").filter(Boolean) ?? []) {
      const text = await git(root, ["show", `${commit}:${path}`]);
      if (text?.includes(STUB_MARKER)) {
        return { text, source: `git ${commit.slice(0, 10)}` };
      }
    }
  }
  try {
    const text = await Deno.readTextFile(join(root, path));
    if (text.includes(STUB_MARKER)) return { text, source: "working tree" };
  } catch {
    // The file is gone; nothing was shipped that we can find.
  }
  return undefined;
}

/**
 * The version of `path` (relative to `root`, with `/` separators) as shipped:
 * the file at the tip of the branch the learner cloned from (`origin/HEAD`,
 * then the upstream branch), else at `HEAD`; undefined without git or when
 * no commit has it. For a file the learner is not meant to edit, such as a
 * spec.
 *
 * @example
 * ```ts ignore
 * import { shippedVersion } from "./shipped.ts";
 * const spec = await shippedVersion(".", "katas/relu_layer/relu_test.ts");
 * console.log(spec?.source);
 * ```
 */
export async function shippedVersion(
  root: string,
  path: string,
): Promise<ShippedStub | undefined> {
  for (const ref of ["origin/HEAD", "@{upstream}", "HEAD"]) {
    const commit =
      (await git(root, ["log", "-1", "--format=%H", ref, "--", path]))
        ?.trim();
    if (!commit) continue;
    const text = await git(root, ["show", `${commit}:${path}`]);
    if (text !== undefined) {
      return { text, source: `git ${commit.slice(0, 10)}` };
    }
  }
  return undefined;
}
