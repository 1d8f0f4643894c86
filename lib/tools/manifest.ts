/**
 * The ordered list of katas, `katas/manifest.json`, read and checked. The
 * runner and the self-check both start here. Hints are not repeated in the
 * manifest: each kata's `HINTS.md` holds them (see `hints.ts`).
 *
 * @module
 */

import { join } from "node:path";

/** One kata as the manifest lists it. */
export interface KataEntry {
  /** Folder name under `katas/` and `solutions/`: lower case, `_` between words. */
  name: string;
  /** Title shown to the learner, e.g. "ReLU layer". */
  title: string;
  /**
   * Section of "Deep Learning from Scratch", e.g. "5.5.1"; of its second book
   * with "2: " before it, e.g. "2: 4.1".
   */
  book: string;
  /** The learner's file in `katas/<name>/` (the solution has the same name). */
  file: string;
  /** The spec in `katas/<name>/`. */
  spec: string;
  /** Earlier katas whose learner files this kata imports (direct ones). */
  uses: string[];
  /**
   * `"bug-hunt"` for a kata whose learner file is a spec that must catch the
   * wrong versions of an earlier kata's layer; absent for an ordinary kata.
   */
  kind?: "bug-hunt";
  /** For a bug hunt: the earlier kata whose layer is hunted. */
  target?: string;
}

/** A bug-hunt kata: its `kind` and `target` are set, and `file === spec`. */
export type HuntEntry = KataEntry & { kind: "bug-hunt"; target: string };

/**
 * Whether `kata` is a bug hunt (see {@link HuntEntry}).
 *
 * @example
 * ```ts
 * import { isHunt } from "./manifest.ts";
 * const kata = { name: "h", title: "H", book: "5", file: "h_test.ts",
 *   spec: "h_test.ts", uses: ["a"], kind: "bug-hunt" as const, target: "a" };
 * console.assert(isHunt(kata) && !isHunt({ ...kata, kind: undefined }));
 * ```
 */
export function isHunt(kata: KataEntry): kata is HuntEntry {
  return kata.kind === "bug-hunt" && kata.target !== undefined;
}

/** The manifest: katas in the order a learner takes them. */
export interface Manifest {
  /** The katas, in order. */
  katas: KataEntry[];
}

/** The error thrown for a manifest that does not say what it must. */
export class ManifestError extends Error {
  /** Creates the error with its message. */
  constructor(message: string) {
    super(`katas/manifest.json: ${message}`);
    this.name = "ManifestError";
  }
}

const NAME = /^[a-z][a-z0-9]*(_[a-z0-9]+)*$/;
const FILE = /^[a-z][a-z0-9_]*\.ts$/;

/**
 * Checks parsed manifest JSON and returns it typed; throws a
 * {@link ManifestError} naming the kata and the field that is wrong.
 *
 * @example
 * ```ts
 * import { parseManifest } from "./manifest.ts";
 * const m = parseManifest({ katas: [{
 *   name: "relu_layer", title: "ReLU layer", book: "5.5.1",
 *   file: "relu.ts", spec: "relu_test.ts", uses: [],
 * }] });
 * console.assert(m.katas[0].title === "ReLU layer");
 * ```
 */
export function parseManifest(json: unknown): Manifest {
  const katas = (json as { katas?: unknown })?.katas;
  if (!Array.isArray(katas) || katas.length === 0) {
    throw new ManifestError(`needs a non-empty "katas" array`);
  }
  const seen = new Set<string>();
  const out: KataEntry[] = katas.map((k, i) => {
    const where = `kata #${i + 1}${
      typeof k?.name === "string" ? ` (${k.name})` : ""
    }`;
    for (const field of ["name", "title", "book", "file", "spec"]) {
      if (typeof k?.[field] !== "string" || k[field] === "") {
        throw new ManifestError(
          `${where}: "${field}" must be a non-empty string`,
        );
      }
    }
    if (!NAME.test(k.name)) {
      throw new ManifestError(
        `${where}: "name" must be lower case words joined by "_", got "${k.name}"`,
      );
    }
    if (
      !FILE.test(k.file) || !FILE.test(k.spec) || !k.spec.endsWith("_test.ts")
    ) {
      throw new ManifestError(
        `${where}: "file" must be a .ts file name and "spec" a *_test.ts file name`,
      );
    }
    if (
      !Array.isArray(k.uses) ||
      k.uses.some((u: unknown) => !seen.has(u as string))
    ) {
      throw new ManifestError(
        `${where}: "uses" must list katas that come earlier in the manifest, got ${
          JSON.stringify(k.uses)
        }`,
      );
    }
    if (seen.has(k.name)) {
      throw new ManifestError(`${where}: the name is used twice`);
    }
    const hunt = huntFields(k, where, seen);
    seen.add(k.name);
    return {
      name: k.name,
      title: k.title,
      book: k.book,
      file: k.file,
      spec: k.spec,
      uses: [...k.uses],
      ...hunt,
    };
  });
  return { katas: out };
}

/** The `kind` and `target` of a bug hunt, checked; nothing for a kata. */
function huntFields(
  k: Record<string, unknown>,
  where: string,
  earlier: Set<string>,
): Pick<KataEntry, "kind" | "target"> {
  if (k.kind === undefined) {
    if (k.target !== undefined) {
      throw new ManifestError(
        `${where}: "target" belongs to a bug hunt; add "kind": "bug-hunt" or remove it`,
      );
    }
    return {};
  }
  if (k.kind !== "bug-hunt") {
    throw new ManifestError(
      `${where}: "kind" must be "bug-hunt" or absent, got ${
        JSON.stringify(k.kind)
      }`,
    );
  }
  if (typeof k.target !== "string" || !earlier.has(k.target)) {
    throw new ManifestError(
      `${where}: a bug hunt's "target" must name a kata earlier in the manifest, got ${
        JSON.stringify(k.target)
      }`,
    );
  }
  if (k.file !== k.spec) {
    throw new ManifestError(
      `${where}: in a bug hunt the learner's file is the spec, so "file" and "spec" must be the same, got "${k.file}" and "${k.spec}"`,
    );
  }
  return { kind: "bug-hunt", target: k.target };
}

/**
 * Reads and checks `katas/manifest.json` under the repository `root`.
 *
 * @example
 * ```ts ignore
 * import { loadManifest } from "./manifest.ts";
 * const { katas } = await loadManifest(".");
 * ```
 */
export async function loadManifest(root: string): Promise<Manifest> {
  const path = join(root, "katas", "manifest.json");
  let text: string;
  try {
    text = await Deno.readTextFile(path);
  } catch (e) {
    throw new ManifestError(`cannot be read (${(e as Error).message})`);
  }
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch (e) {
    throw new ManifestError(`is not valid JSON (${(e as Error).message})`);
  }
  return parseManifest(json);
}

/**
 * The katas `kata` depends on, directly or through others, in manifest order.
 *
 * @example
 * ```ts
 * import { dependenciesOf, parseManifest } from "./manifest.ts";
 * const entry = (name: string, uses: string[]) =>
 *   ({ name, title: name, book: "5", file: `${name}.ts`, spec: `${name}_test.ts`, uses });
 * const m = parseManifest({ katas: [entry("a", []), entry("b", ["a"]), entry("c", ["b"])] });
 * console.assert(dependenciesOf(m, "c").join() === "a,b");
 * ```
 */
export function dependenciesOf(manifest: Manifest, kata: string): string[] {
  const byName = new Map(manifest.katas.map((k) => [k.name, k]));
  const found = new Set<string>();
  const visit = (name: string) => {
    for (const dep of byName.get(name)?.uses ?? []) {
      if (!found.has(dep)) {
        found.add(dep);
        visit(dep);
      }
    }
  };
  visit(kata);
  return manifest.katas.map((k) => k.name).filter((n) => found.has(n));
}
