/**
 * Generic assertions with the names and signatures of `@std/assert`, built on
 * `node:assert/strict` because the JSR registry is out of reach here. Specs
 * import them through `lib/testing/mod.ts`, so moving to `@std/assert` is a
 * change to this one file.
 *
 * One deliberate difference: `assertThrows` lets a `NotImplementedError`
 * through, so a learner who has not written a method yet is told so instead
 * of being told that the wrong error was thrown.
 *
 * @module
 */

import nodeAssert from "node:assert/strict";
import { NotImplementedError } from "../not_implemented.ts";

/** The error thrown when an assertion fails. */
export class AssertionError extends Error {
  /** Creates the error with its message. */
  constructor(message: string) {
    super(message);
    this.name = "AssertionError";
  }
}

function rethrow(
  e: unknown,
  msg?: string,
  values?: { actual: unknown; expected: unknown },
): never {
  if (e instanceof nodeAssert.AssertionError) {
    // Two plain values read best as one sentence that says which is which;
    // node's "3 !== 2" leaves the learner guessing.
    if (
      values && isPlain(values.actual) && isPlain(values.expected)
    ) {
      const sentence = `expected ${show(values.expected)}, got ${
        show(values.actual)
      }`;
      throw new AssertionError(msg ? `${msg}: ${sentence}` : sentence);
    }
    throw new AssertionError(msg ? `${msg}\n${e.message}` : e.message);
  }
  throw e;
}

function isPlain(value: unknown): boolean {
  return value === null ||
    (typeof value !== "object" && typeof value !== "function");
}

function show(value: unknown): string {
  if (typeof value === "string") return JSON.stringify(value);
  if (Object.is(value, -0)) return "-0";
  return String(value);
}

/**
 * Fails unless `expr` is truthy.
 *
 * @example
 * ```ts
 * import { assert } from "./assert.ts";
 * assert(1 + 1 === 2);
 * ```
 */
export function assert(
  expr: unknown,
  msg = "Expected the value to be truthy",
): asserts expr {
  if (!expr) throw new AssertionError(msg);
}

/**
 * Fails unless `expr` is falsy.
 *
 * @example
 * ```ts
 * import { assertFalse } from "./assert.ts";
 * assertFalse(Number.isNaN(1));
 * ```
 */
export function assertFalse(
  expr: unknown,
  msg = "Expected the value to be falsy",
): void {
  if (expr) throw new AssertionError(msg);
}

/**
 * Fails unless the two values are deeply equal.
 *
 * @example
 * ```ts
 * import { assertEquals } from "./assert.ts";
 * assertEquals({ shape: [2, 3] }, { shape: [2, 3] });
 * ```
 */
export function assertEquals<T>(
  actual: unknown,
  expected: T,
  msg?: string,
): void {
  try {
    nodeAssert.deepStrictEqual(actual, expected);
  } catch (e) {
    rethrow(e, msg, { actual, expected });
  }
}

/**
 * Fails if the two values are deeply equal.
 *
 * @example
 * ```ts
 * import { assertNotEquals } from "./assert.ts";
 * assertNotEquals([1, 2], [2, 1]);
 * ```
 */
export function assertNotEquals<T>(actual: T, expected: T, msg?: string): void {
  try {
    nodeAssert.notDeepStrictEqual(actual, expected);
  } catch (e) {
    rethrow(e, msg);
  }
}

/**
 * Fails unless the two values are the same (`Object.is`).
 *
 * @example
 * ```ts
 * import { assertStrictEquals } from "./assert.ts";
 * assertStrictEquals(0.5 + 0.25, 0.75);
 * ```
 */
export function assertStrictEquals<T>(
  actual: unknown,
  expected: T,
  msg?: string,
): asserts actual is T {
  try {
    nodeAssert.strictEqual(actual, expected);
  } catch (e) {
    rethrow(e, msg, { actual, expected });
  }
}

/**
 * Fails if the two values are the same (`Object.is`).
 *
 * @example
 * ```ts
 * import { assertNotStrictEquals } from "./assert.ts";
 * assertNotStrictEquals([1], [1]);
 * ```
 */
export function assertNotStrictEquals<T>(
  actual: T,
  expected: T,
  msg?: string,
): void {
  try {
    nodeAssert.notStrictEqual(actual, expected);
  } catch (e) {
    rethrow(e, msg);
  }
}

/**
 * Fails unless `actual` is within `tolerance` of `expected` (default 1e-7).
 *
 * @example
 * ```ts
 * import { assertAlmostEquals } from "./assert.ts";
 * assertAlmostEquals(0.1 + 0.2, 0.3);
 * ```
 */
export function assertAlmostEquals(
  actual: number,
  expected: number,
  tolerance = 1e-7,
  msg?: string,
): void {
  if (Object.is(actual, expected)) return;
  const delta = Math.abs(expected - actual);
  if (!(delta <= tolerance)) {
    const detail =
      `Expected actual: "${actual}" to be close to "${expected}": delta "${delta}" is greater than "${tolerance}"`;
    throw new AssertionError(msg ? `${msg}\n${detail}` : detail);
  }
}

/**
 * Fails unless `actual` is an instance of `type`.
 *
 * @example
 * ```ts
 * import { assertInstanceOf } from "./assert.ts";
 * assertInstanceOf(new Map(), Map);
 * ```
 */
export function assertInstanceOf<
  // deno-lint-ignore no-explicit-any
  T extends abstract new (...args: any[]) => unknown,
>(
  actual: unknown,
  type: T,
  msg?: string,
): asserts actual is InstanceType<T> {
  if (!(actual instanceof type)) {
    const got = actual === null || actual === undefined
      ? String(actual)
      : (actual as object).constructor?.name ?? typeof actual;
    throw new AssertionError(
      msg ??
        `Expected object to be an instance of "${type.name}" but was "${got}".`,
    );
  }
}

/**
 * Fails unless `actual` matches `expected`.
 *
 * @example
 * ```ts
 * import { assertMatch } from "./assert.ts";
 * assertMatch("Relu.forward is not implemented yet", /not implemented/);
 * ```
 */
export function assertMatch(
  actual: string,
  expected: RegExp,
  msg?: string,
): void {
  try {
    nodeAssert.match(actual, expected);
  } catch (e) {
    rethrow(e, msg);
  }
}

/**
 * Fails unless `actual` contains `expected`.
 *
 * @example
 * ```ts
 * import { assertStringIncludes } from "./assert.ts";
 * assertStringIncludes("call forward first", "forward");
 * ```
 */
export function assertStringIncludes(
  actual: string,
  expected: string,
  msg?: string,
): void {
  if (!actual.includes(expected)) {
    throw new AssertionError(
      msg ?? `Expected actual: "${actual}" to contain: "${expected}".`,
    );
  }
}

/**
 * Always fails.
 *
 * @example
 * ```ts
 * import { fail, AssertionError } from "./assert.ts";
 * try { fail("never here"); } catch (e) { console.assert(e instanceof AssertionError); }
 * ```
 */
export function fail(msg?: string): never {
  throw new AssertionError(
    msg ? `Failed assertion: ${msg}` : "Failed assertion.",
  );
}

function describe(e: unknown): string {
  return e instanceof Error ? `${e.name}: "${e.message}"` : String(e);
}

/**
 * Fails unless `fn` throws; returns what it threw. With an error class (and
 * optionally text the message must include), the error must match them.
 * A `NotImplementedError` is passed through unless it is what was expected.
 *
 * @example
 * ```ts
 * import { assertThrows } from "./assert.ts";
 * assertThrows(() => { throw new RangeError("axis 3 is out of range"); }, RangeError, "axis 3");
 * ```
 */
export function assertThrows(fn: () => unknown, msg?: string): unknown;
export function assertThrows<E extends Error = Error>(
  fn: () => unknown,
  // deno-lint-ignore no-explicit-any
  ErrorClass: abstract new (...args: any[]) => E,
  msgIncludes?: string,
  msg?: string,
): E;
export function assertThrows<E extends Error = Error>(
  fn: () => unknown,
  // deno-lint-ignore no-explicit-any
  errorClassOrMsg?: string | (abstract new (...args: any[]) => E),
  msgIncludes?: string,
  msg?: string,
): E | unknown {
  const ErrorClass = typeof errorClassOrMsg === "function"
    ? errorClassOrMsg
    : undefined;
  const label = typeof errorClassOrMsg === "string" ? errorClassOrMsg : msg;
  const prefix = label ? `${label}: ` : "";
  let thrown: unknown;
  let didThrow = false;
  try {
    fn();
  } catch (e) {
    thrown = e;
    didThrow = true;
  }
  if (!didThrow) {
    throw new AssertionError(`${prefix}Expected function to throw.`);
  }
  if (
    thrown instanceof NotImplementedError &&
    !(ErrorClass && (ErrorClass as unknown) === NotImplementedError)
  ) {
    throw thrown;
  }
  if (ErrorClass) {
    if (!(thrown instanceof ErrorClass)) {
      throw new AssertionError(
        `${prefix}Expected error to be instance of "${ErrorClass.name}", but was ${
          describe(thrown)
        }.`,
      );
    }
    if (msgIncludes !== undefined && !thrown.message.includes(msgIncludes)) {
      throw new AssertionError(
        `${prefix}Expected error message to include "${msgIncludes}", but got ${
          describe(thrown)
        }.`,
      );
    }
  }
  return thrown;
}
