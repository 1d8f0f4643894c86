/**
 * Where a kata's files are, and how the runner prints a path: relative to the
 * repository, with `/` between folders on every platform, so that a learner
 * on Windows sees the same text as the README.
 *
 * @module
 */

import { isAbsolute, join, relative } from "node:path";
import { fileURLToPath } from "node:url";
import type { KataEntry } from "../../manifest.ts";

/** The files of one kata, relative to the repository, with `/` separators. */
export interface KataPaths {
  /** `katas/<name>`: the folder the learner works in. */
  dir: string;
  /** `katas/<name>/<file>`: the file the learner edits. */
  file: string;
  /** `katas/<name>/<spec>`: the spec. */
  spec: string;
  /** `katas/<name>/README.md`: the kata's text and hints. */
  readme: string;
  /** `solutions/<name>/<file>`: the worked answer. */
  solution: string;
}

/**
 * The paths of a kata's files.
 *
 * @example
 * ```ts
 * import { kataPaths } from "./paths.ts";
 * const p = kataPaths({ name: "relu_layer", title: "ReLU layer", book: "5.5.1",
 *   file: "relu.ts", spec: "relu_test.ts", uses: [] });
 * console.assert(p.file === "katas/relu_layer/relu.ts");
 * console.assert(p.solution === "solutions/relu_layer/relu.ts");
 * ```
 */
export function kataPaths(kata: KataEntry): KataPaths {
  const dir = `katas/${kata.name}`;
  return {
    dir,
    file: `${dir}/${kata.file}`,
    spec: `${dir}/${kata.spec}`,
    readme: `${dir}/README.md`,
    solution: `solutions/${kata.name}/${kata.file}`,
  };
}

/**
 * A repository path written with `/` turned into a path of this platform
 * under `root`.
 *
 * @example
 * ```ts
 * import { inRoot } from "./paths.ts";
 * import { join } from "node:path";
 * console.assert(inRoot("/repo", "katas/a/b.ts") === join("/repo", "katas", "a", "b.ts"));
 * ```
 */
export function inRoot(root: string, path: string): string {
  return join(root, ...path.split("/"));
}

/**
 * How the runner prints a path or `file://` URL: relative to `root` with `/`
 * separators when it is inside `root`, else whole (still with `/`).
 *
 * @example
 * ```ts
 * import { displayPath } from "./paths.ts";
 * console.assert(displayPath("/repo", "file:///repo/katas/a/b.ts") === "katas/a/b.ts");
 * console.assert(displayPath("/repo", "/repo/katas/a/b.ts") === "katas/a/b.ts");
 * console.assert(displayPath("/repo", "/elsewhere/x.ts") === "/elsewhere/x.ts");
 * ```
 */
export function displayPath(root: string, pathOrUrl: string): string {
  let path = pathOrUrl;
  if (pathOrUrl.startsWith("file://")) {
    try {
      path = fileURLToPath(pathOrUrl);
    } catch {
      return pathOrUrl;
    }
  }
  const rel = isAbsolute(path) ? relative(root, path) : path;
  const inside = rel !== "" && !rel.startsWith("..") && !isAbsolute(rel);
  return (inside ? rel : path).replace(/\\/g, "/");
}

/**
 * Whether a file or folder exists.
 *
 * @example
 * ```ts ignore
 * import { exists } from "./paths.ts";
 * console.log(await exists("deno.json"));
 * ```
 */
export async function exists(path: string): Promise<boolean> {
  try {
    await Deno.stat(path);
    return true;
  } catch {
    return false;
  }
}
