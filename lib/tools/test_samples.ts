/**
 * For the tools' tests that read their inputs from a `testdata/` folder
 * beside them. Reading needs --allow-read: the self-check grants it, and a
 * bare `deno test --doc lib/` skips those tests instead of failing them.
 *
 * @module
 */

/** How a test file reads its samples and declares the tests that do. */
export interface Samples {
  /** The text of `testdata/<name>` beside the test file. */
  read(name: string): Promise<string>;
  /** Declares a test that reads samples; ignored without read permission. */
  test(name: string, fn: () => Promise<void>): void;
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
  };
}
