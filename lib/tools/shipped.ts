/**
 * Finding a kata's stub (or spec) as it was shipped, even after the learner
 * has edited (and perhaps committed) their file. The shipped stub is the
 * newest version of the file that still calls `notImplemented(`, looked for
 * first in the history of the branch the learner cloned from (`origin/HEAD`,
 * then the upstream branch), where the learner's own commits are not, and
 * then in `HEAD`'s.
 *
 * A copy downloaded as a ZIP has no git history. For it, `shipped.json`
 * beside this file holds the SHA-256 of every stub and spec as shipped (a
 * few kilobytes, not a second copy of 26 stubs), and the runner keeps a copy
 * of each file that still matches its hash in `.katas/shipped/` the first
 * time it runs, before the learner has changed anything: that copy is what
 * `reset` puts back. A file that matches its hash is itself as shipped.
 *
 * @module
 */

import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { sha256 } from "./content_hash.ts";
import {
  isHunt,
  type KataEntry,
  loadManifest,
  type Manifest,
} from "./manifest.ts";

/** The hashes of the stubs and specs as shipped, relative to the root. */
export const SHIPPED_HASHES = "lib/tools/shipped.json";

/** Where the runner keeps its copies of files as shipped. */
export const SHIPPED_COPIES = ".katas/shipped";

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
  const known = await withoutGit(root, path);
  if (known) return known;
  try {
    // A kata newer than the hashes: a file that still calls the marker.
    const text = await Deno.readTextFile(join(root, path));
    const hashes = await shippedHashes(root);
    if (hashes[path] === undefined && text.includes(STUB_MARKER)) {
      return { text, source: "working tree" };
    }
  } catch {
    // The file is gone; nothing was shipped that we can find.
  }
  return undefined;
}

const lf = (text: string) => text.replace(/\r\n/g, "\n");

/**
 * The hashes in `shipped.json` (empty when it is missing or unreadable).
 *
 * @example
 * ```ts ignore
 * import { shippedHashes } from "./shipped.ts";
 * console.log(Object.keys(await shippedHashes(".")).length);
 * ```
 */
export async function shippedHashes(
  root: string,
): Promise<Record<string, string>> {
  try {
    return JSON.parse(await Deno.readTextFile(join(root, SHIPPED_HASHES)));
  } catch {
    return {};
  }
}

/**
 * Whether `text` is the file at `path` as shipped, by its hash (line
 * endings aside, as a download may have changed them).
 *
 * @example
 * ```ts ignore
 * import { isAsShipped, shippedHashes } from "./shipped.ts";
 * const yes = await isAsShipped(await shippedHashes("."), "katas/relu_layer/relu.ts", text);
 * ```
 */
export async function isAsShipped(
  hashes: Record<string, string>,
  path: string,
  text: string,
): Promise<boolean> {
  return hashes[path] !== undefined && hashes[path] === await sha256(lf(text));
}

async function withoutGit(
  root: string,
  path: string,
): Promise<ShippedStub | undefined> {
  const hashes = await shippedHashes(root);
  for (
    const [file, source] of [
      [join(root, SHIPPED_COPIES, path), `${SHIPPED_COPIES}/`],
      [join(root, path), "working tree, as shipped"],
    ]
  ) {
    const text = await Deno.readTextFile(file).catch(() => undefined);
    if (text !== undefined && await isAsShipped(hashes, path, text)) {
      return { text, source };
    }
  }
  return undefined;
}

/**
 * Keeps a copy, in `.katas/shipped/`, of every kata's stub and spec that is
 * still as shipped (by its hash) and has no copy yet: for `reset` in a copy
 * without git history. Cheap when done: it reads only what has no copy.
 *
 * @example
 * ```ts ignore
 * import { keepShippedCopies } from "./shipped.ts";
 * await keepShippedCopies(".", manifest);
 * ```
 */
export async function keepShippedCopies(
  root: string,
  manifest: Manifest,
): Promise<void> {
  const hashes = await shippedHashes(root);
  for (const path of shippedFiles(manifest)) {
    const copy = join(root, SHIPPED_COPIES, path);
    if (hashes[path] === undefined) continue;
    if (await Deno.stat(copy).then(() => true, () => false)) continue;
    const text = await Deno.readTextFile(join(root, path)).catch(() =>
      undefined
    );
    if (text === undefined || !await isAsShipped(hashes, path, text)) continue;
    await Deno.mkdir(dirname(copy), { recursive: true });
    await Deno.writeTextFile(copy, text);
  }
}

/**
 * The stub and the spec of every kata, as repository paths.
 *
 * @example
 * ```ts
 * import { shippedFiles } from "./shipped.ts";
 * const manifest = { katas: [{ name: "k", title: "K", book: "1", file: "k.ts", spec: "k_test.ts", uses: [] }] };
 * console.assert(shippedFiles(manifest).join() === "katas/k/k.ts,katas/k/k_test.ts");
 * ```
 */
export function shippedFiles(manifest: Manifest): string[] {
  return manifest.katas.flatMap((k) => [
    `katas/${k.name}/${k.file}`,
    `katas/${k.name}/${k.spec}`,
  ]);
}

/**
 * The hashes `shipped.json` should hold: each kata's stub and spec as
 * shipped (from git), or undefined for a file with no shipped version.
 *
 * @example
 * ```ts ignore
 * import { currentHashes } from "./shipped.ts";
 * console.log(await currentHashes(".", manifest));
 * ```
 */
export async function currentHashes(
  root: string,
  manifest: Manifest,
): Promise<Record<string, string | undefined>> {
  const out: Record<string, string | undefined> = {};
  for (const k of manifest.katas) {
    const stub = `katas/${k.name}/${k.file}`;
    const spec = `katas/${k.name}/${k.spec}`;
    const [s, t] = await Promise.all([
      shippedStubOf(root, k),
      shippedVersion(root, spec),
    ]);
    out[stub] = s && await sha256(lf(s.text));
    out[spec] = t && await sha256(lf(t.text));
  }
  return out;
}

/**
 * The shipped stub of `kata`'s learner file: {@link shippedStub}, or for a
 * bug hunt, whose stub is a spec without tests and so has no
 * {@link STUB_MARKER} to be known by, {@link shippedVersion}.
 *
 * @example
 * ```ts ignore
 * import { shippedStubOf } from "./shipped.ts";
 * const stub = await shippedStubOf(".", kata);
 * ```
 */
export function shippedStubOf(
  root: string,
  kata: KataEntry,
): Promise<ShippedStub | undefined> {
  const path = `katas/${kata.name}/${kata.file}`;
  return isHunt(kata) ? shippedVersion(root, path) : shippedStub(root, path);
}

/**
 * The version of `path` (relative to `root`, with `/` separators) as shipped:
 * the file at the tip of the branch the learner cloned from (`origin/HEAD`,
 * then the upstream branch), else at `HEAD`; without git history, the copy
 * kept in `.katas/shipped/` or the file itself while it matches its hash;
 * else undefined. For a file the learner is not meant to edit, such as a
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
  return await withoutGit(root, path);
}

if (import.meta.main && Deno.args[0] === "--write") {
  // `--write`: record the hashes of the stubs and specs as they are shipped
  // now (a maintainer, after changing a stub or a spec; the self-check says
  // when it is due).
  const root = fileURLToPath(new URL("../..", import.meta.url));
  const hashes = await currentHashes(root, await loadManifest(root));
  const missing = Object.keys(hashes).filter((p) => hashes[p] === undefined);
  if (missing.length) {
    console.error(`no shipped version found of: ${missing.join(", ")}`);
    Deno.exit(1);
  }
  await Deno.writeTextFile(
    join(root, SHIPPED_HASHES),
    JSON.stringify(hashes, null, 2) + "\n",
  );
  console.log(`${SHIPPED_HASHES}: ${Object.keys(hashes).length} hashes.`);
}
