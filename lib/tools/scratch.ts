/**
 * The scratch folder where the self-check and the runner's `mistakes --try`
 * put files that stand in for a learner's (a worked answer with a classic
 * mistake applied, a shipped stub), and the import-map swaps that make a
 * spec import them: every kata's learner file becomes its worked answer, and
 * the file under test becomes the scratch copy. The folder sits at the root,
 * `.selfcheck-<pid>/<kata>/`, two levels down like `katas/<kata>/`, so a
 * copy's relative imports resolve as they do from there; git and Deno's
 * tools ignore it.
 *
 * @module
 */

import { join } from "node:path";
import { isHunt, type KataEntry, type Manifest } from "./manifest.ts";

/**
 * The scratch folder of this process, relative to the root: per process, so
 * that two runs at once do not clear each other's files.
 *
 * @example
 * ```ts
 * import { scratchFolder } from "./scratch.ts";
 * console.assert(scratchFolder(42) === ".selfcheck-42");
 * ```
 */
export function scratchFolder(pid: number = Deno.pid): string {
  return `.selfcheck-${pid}`;
}

/**
 * Every kata's learner file, swapped for its worked answer where there is one;
 * never a bug hunt's, which is a spec that nothing imports: an import map
 * swaps even the file Deno starts from, so swapping it would run the worked
 * spec in place of the learner's.
 *
 * @example
 * ```ts ignore
 * import { solutionSwaps } from "./scratch.ts";
 * import { loadManifest } from "./manifest.ts";
 * console.log(await solutionSwaps(".", await loadManifest(".")));
 * ```
 */
export async function solutionSwaps(
  root: string,
  manifest: Manifest,
): Promise<Record<string, string>> {
  const swap: Record<string, string> = {};
  for (const k of manifest.katas) {
    if (isHunt(k)) continue;
    const solution = `solutions/${k.name}/${k.file}`;
    try {
      await Deno.stat(join(root, solution));
      swap[`katas/${k.name}/${k.file}`] = solution;
    } catch {
      // No worked answer: the learner's file stays.
    }
  }
  return swap;
}

/**
 * The swaps for a run from `scratch`: those of `swap`, and the same again
 * for each learner file's scratch twin, which a scratch copy's
 * `../<kata>/<file>` imports name.
 *
 * @example
 * ```ts
 * import { scratchSwaps } from "./scratch.ts";
 * const swaps = scratchSwaps(".selfcheck-1", { "katas/a/a.ts": "solutions/a/a.ts" });
 * console.assert(swaps[".selfcheck-1/a/a.ts"] === "solutions/a/a.ts");
 * console.assert(swaps["katas/a/a.ts"] === "solutions/a/a.ts");
 * ```
 */
export function scratchSwaps(
  scratch: string,
  swap: Record<string, string>,
): Record<string, string> {
  const out: Record<string, string> = { ...swap };
  for (const [from, to] of Object.entries(swap)) {
    out[from.replace(/^katas\//, `${scratch}/`)] = to;
  }
  return out;
}

/**
 * Writes `text` as `<scratch>/<kata>/<name>` and returns that path
 * (relative to the root).
 *
 * @example
 * ```ts ignore
 * import { scratchFolder, writeScratch } from "./scratch.ts";
 * const path = await writeScratch(".", scratchFolder(), kata, "stale_mask.mistake.ts", text);
 * ```
 */
export async function writeScratch(
  root: string,
  scratch: string,
  kata: KataEntry,
  name: string,
  text: string,
): Promise<string> {
  await Deno.mkdir(join(root, scratch, kata.name), { recursive: true });
  const path = `${scratch}/${kata.name}/${name}`;
  await Deno.writeTextFile(join(root, path), text);
  return path;
}
