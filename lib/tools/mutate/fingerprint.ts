/**
 * Hashes of the files a kata's mutation score depends on, read from disk.
 *
 * @module
 */

import { join } from "node:path";
import { dependenciesOf, type KataEntry, type Manifest } from "../manifest.ts";
import { hashBytes, hashText } from "./record.ts";
import { answerFile, equivalentsFile, mutatedFile, specFile } from "./paths.ts";

async function readIfThere(path: string): Promise<string | undefined> {
  try {
    return await Deno.readTextFile(path);
  } catch (e) {
    if (e instanceof Deno.errors.NotFound) return undefined;
    throw e;
  }
}

/**
 * The hash of each file the recorded score stands for: the worked answer,
 * the spec, the worked answers of the katas it uses (a spec run imports them,
 * so a change there can change what the spec detects), and the equivalent
 * mutants' list when the kata has one.
 *
 * @example
 * ```ts ignore
 * import { scoredFiles } from "./fingerprint.ts";
 * import { loadManifest } from "../manifest.ts";
 * const manifest = await loadManifest(".");
 * console.log(await scoredFiles(".", manifest, manifest.katas[0]));
 * ```
 */
export async function scoredFiles(
  root: string,
  manifest: Manifest,
  kata: KataEntry,
): Promise<Record<string, string>> {
  const files: Record<string, string> = {};
  for (
    const path of [
      mutatedFile(manifest, kata),
      specFile(kata),
      ...usedAnswers(manifest, kata),
    ]
  ) {
    const text = await readIfThere(join(root, path));
    if (text === undefined) throw new Error(`${path} is missing`);
    files[path] = await hashText(text);
  }
  const equivalents = await readIfThere(join(root, equivalentsFile(kata.name)));
  if (equivalents !== undefined) {
    files[equivalentsFile(kata.name)] = await hashText(equivalents);
  }
  return files;
}

/**
 * The worked answers of the katas that `kata` imports, transitively; not the
 * mutated file (a hunt uses the kata whose answer it mutates).
 */
function usedAnswers(manifest: Manifest, kata: KataEntry): string[] {
  const mutated = mutatedFile(manifest, kata);
  return dependenciesOf(manifest, kata.name).map((name) =>
    answerFile(manifest.katas.find((k) => k.name === name)!)
  ).filter((path) => path !== mutated);
}

async function toolkitFiles(root: string, dir = "lib"): Promise<string[]> {
  const found: string[] = [];
  for await (const entry of Deno.readDir(join(root, dir))) {
    const path = `${dir}/${entry.name}`;
    // The tools and the toolkit's own tests do not run in a spec.
    if (path === "lib/tools" || entry.name === "testdata") continue;
    if (entry.isDirectory) found.push(...await toolkitFiles(root, path));
    else if (
      /\.(ts|js|json|wasm)$/.test(entry.name) &&
      !/_test\.ts$/.test(entry.name)
    ) {
      found.push(path);
    }
  }
  return found.sort();
}

/**
 * One hash of everything a kata's spec run depends on besides the answer:
 * the spec, the toolkit (`lib/` without its tools and its tests) and the
 * worked answers of the katas it uses. StrykerJS's incremental mode cannot
 * see these change (the command test runner reports no test files), so a
 * change means a full run; `--check` reports the score stale until then.
 *
 * @example
 * ```ts ignore
 * import { contextHash } from "./fingerprint.ts";
 * import { loadManifest } from "../manifest.ts";
 * const manifest = await loadManifest(".");
 * console.log(await contextHash(".", manifest, manifest.katas[0]));
 * ```
 */
export async function contextHash(
  root: string,
  manifest: Manifest,
  kata: KataEntry,
): Promise<string> {
  const paths = [
    specFile(kata),
    ...usedAnswers(manifest, kata),
    ...await toolkitFiles(root),
  ];
  const parts: string[] = [];
  for (const path of paths) {
    // By bytes: the toolkit has binary files (the WebAssembly kernels).
    parts.push(
      `${path} ${await hashBytes(await Deno.readFile(join(root, path)))}`,
    );
  }
  return await hashText(parts.join("\n"));
}
