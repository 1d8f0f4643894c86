/**
 * Helpers for the toolkit's own tests of its assertions: what a failing
 * assertion says is the behaviour under test, so these pull the message out.
 *
 * @module
 */

import {
  AssertionError,
  assertStringIncludes,
  assertThrows,
} from "./assert.ts";

/**
 * The message of the {@link AssertionError} that `fn` throws; fails when it
 * throws nothing or something else.
 *
 * @example
 * ```ts
 * import { failure } from "./test_support.ts";
 * import { assertEquals } from "./assert.ts";
 * console.assert(failure(() => assertEquals(1, 2)).includes("1"));
 * ```
 */
export function failure(fn: () => unknown): string {
  return assertThrows(fn, AssertionError).message;
}

/**
 * Asserts that `text` contains every one of `parts`.
 *
 * @example
 * ```ts
 * import { assertIncludesAll } from "./test_support.ts";
 * assertIncludesAll("shape [2, 3] versus [3, 2]", "[2, 3]", "[3, 2]");
 * ```
 */
export function assertIncludesAll(text: string, ...parts: string[]): void {
  for (const part of parts) assertStringIncludes(text, part);
}
