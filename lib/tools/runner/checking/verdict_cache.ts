/**
 * Verdicts remembered by the content of what they judged, in
 * `.katas/verdicts/<kata>.json` (git-ignored with the rest of `.katas/`), so
 * that `list` and `progress` re-run only the specs whose files changed. A
 * verdict's key is a hash of the spec, the learner's file and every file
 * they import, followed through relative imports (with the swaps for worked
 * answers applied), the Deno version and `deno.json`: any change to any of
 * them, by the learner or by a `git pull`, misses.
 *
 * @module
 */

import { dirname, join, normalize } from "node:path";
import { sha256 } from "../../content_hash.ts";
import type { Verdict } from "./verdict.ts";

/**
 * The relative imports of a TypeScript source (`from "./x.ts"`,
 * `import "../y.ts"`, `import("./z.ts")`), as written.
 *
 * @example
 * ```ts
 * import { relativeImports } from "./verdict_cache.ts";
 * const text = `import { a } from "./a.ts";\nexport * from '../b/b.ts';\nimport "npm:x";\nconst c = await import("./c.ts");`;
 * console.assert(relativeImports(text).join() === "./a.ts,../b/b.ts,./c.ts");
 * ```
 */
export function relativeImports(text: string): string[] {
  return [
    ...text.matchAll(/(?:from|import)\s*\(?\s*["'](\.{1,2}\/[^"']+)["']/g),
  ]
    .map((m) => m[1]);
}

/**
 * Hashes a file together with everything it imports, reading each file once
 * however many katas import it. Paths are relative to the root, with `/`.
 */
export class ContentHasher {
  readonly #root: string;
  readonly #texts = new Map<string, Promise<string | undefined>>();

  /** A hasher for the repository at `root`. */
  constructor(root: string) {
    this.#root = root;
  }

  #read(path: string): Promise<string | undefined> {
    let text = this.#texts.get(path);
    if (!text) {
      text = Deno.readTextFile(join(this.#root, path)).catch(() => undefined);
      this.#texts.set(path, text);
    }
    return text;
  }

  /**
   * One hash of `entries` and every file they import, with `swap` (a file
   * mapped to the one that takes its place) applied as the import map does.
   *
   * @example
   * ```ts ignore
   * import { ContentHasher } from "./verdict_cache.ts";
   * const key = await new ContentHasher(".").closure(["katas/relu_layer/relu_test.ts"], {});
   * ```
   */
  async closure(
    entries: string[],
    swap: Record<string, string>,
  ): Promise<string> {
    const seen = new Set<string>();
    const parts: string[] = [];
    const queue = entries.map((e) => swap[e] ?? e);
    while (queue.length) {
      const path = queue.shift()!;
      if (seen.has(path)) continue;
      seen.add(path);
      const text = await this.#read(path);
      parts.push(
        `${path}\n${text === undefined ? "(absent)" : await sha256(text)}`,
      );
      for (const spec of text === undefined ? [] : relativeImports(text)) {
        const target = normalize(join(dirname(path), spec)).replace(/\\/g, "/");
        queue.push(swap[target] ?? target);
      }
    }
    parts.sort();
    return sha256(parts.join("\n"));
  }
}

function cacheFile(root: string, kata: string): string {
  return join(root, ".katas", "verdicts", `${kata}.json`);
}

/**
 * The verdict remembered for `kata` under `key`, if there is one.
 *
 * @example
 * ```ts ignore
 * import { recalled } from "./verdict_cache.ts";
 * const verdict = await recalled(".", kata, key);
 * ```
 */
export async function recalled(
  root: string,
  kata: Verdict["kata"],
  key: string,
): Promise<Verdict | undefined> {
  try {
    const stored = JSON.parse(
      await Deno.readTextFile(cacheFile(root, kata.name)),
    );
    return stored?.key === key ? { ...stored.verdict, kata } : undefined;
  } catch {
    return undefined; // none yet, or unreadable: check afresh
  }
}

/**
 * Remembers `verdict` under `key`. A verdict that timed out is not
 * remembered: it says as much about how busy the machine was as about the
 * code.
 *
 * @example
 * ```ts ignore
 * import { remember } from "./verdict_cache.ts";
 * await remember(".", verdict, key);
 * ```
 */
export async function remember(
  root: string,
  verdict: Verdict,
  key: string,
): Promise<void> {
  if (verdict.timedOut) return;
  const path = cacheFile(root, verdict.kata.name);
  await Deno.mkdir(dirname(path), { recursive: true });
  const temp = `${path}.${Deno.pid}.tmp`;
  await Deno.writeTextFile(temp, JSON.stringify({ key, verdict }) + "\n");
  await Deno.rename(temp, path);
}
