/**
 * For the tools' tests that read their inputs from a `testdata/` folder
 * beside them. Reading needs --allow-read: the self-check grants it, and a
 * bare `deno test --doc lib/` skips those tests instead of failing them.
 *
 * @module
 */

import { join } from "node:path";

/** How a test file reads its samples and declares the tests that do. */
export interface Samples {
  /** The text of `testdata/<name>` beside the test file. */
  read(name: string): Promise<string>;
  /** Declares a test that reads samples; ignored without read permission. */
  test(name: string, fn: () => Promise<void>): void;
  /**
   * Copies the folder `testdata/<name>` into a new temporary folder and
   * returns its path (the caller removes it); needs write permission too.
   */
  copy(name: string): Promise<string>;
}

async function copyDir(from: URL, to: string): Promise<void> {
  await Deno.mkdir(to, { recursive: true });
  for await (const entry of Deno.readDir(from)) {
    if (entry.isDirectory) {
      await copyDir(new URL(`${entry.name}/`, from), join(to, entry.name));
    } else {
      await Deno.copyFile(new URL(entry.name, from), join(to, entry.name));
    }
  }
}

/**
 * The samples of the test file at `testFile` (its `import.meta.url`).
 *
 * @example
 * ```ts
 * import { samplesOf } from "./test_samples.ts";
 * const samples = samplesOf(import.meta.url);
 * console.assert(typeof samples.read === "function");
 * ```
 */
export function samplesOf(testFile: string): Samples {
  const canRead = Deno.permissions.querySync({ name: "read" }).state ===
    "granted";
  return {
    read: (name) => Deno.readTextFile(new URL(`./testdata/${name}`, testFile)),
    test: (name, fn) => Deno.test({ name, fn, ignore: !canRead }),
    copy: async (name) => {
      const dir = await Deno.makeTempDir({ prefix: `${name}_` });
      await copyDir(new URL(`./testdata/${name}/`, testFile), dir);
      return dir;
    },
  };
}
