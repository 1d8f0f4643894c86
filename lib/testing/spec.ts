/**
 * The time limit every kata spec test runs under, so that a learner's
 * infinite loop fails that one test instead of hanging the run.
 *
 * @module
 */

/**
 * How long one spec test may run, in milliseconds. `Deno.test`'s timeout
 * stops even a synchronous loop.
 */
export const TEST_TIMEOUT_MS = 10_000;

/**
 * The options every spec passes to `Deno.test`:
 * `Deno.test("name", timeLimit, () => {...})`. The self-check rejects a spec
 * test declared without it.
 *
 * @example
 * ```ts
 * import { timeLimit, TEST_TIMEOUT_MS } from "./spec.ts";
 * console.assert(timeLimit.timeout === TEST_TIMEOUT_MS);
 * ```
 */
export const timeLimit: { readonly timeout: number } = Object.freeze({
  timeout: TEST_TIMEOUT_MS,
});
