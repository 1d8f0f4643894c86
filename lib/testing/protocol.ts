/**
 * Checks that a call is refused with an error a learner can act on: an
 * `Error` the code threw on purpose (not a `TypeError` from reading a field
 * that is not there) whose message says what went wrong. The commonest case
 * is a layer's backward called before any forward.
 *
 * A `NotImplementedError` passes through both checks, so a stub still fails
 * with "not implemented yet" rather than with "the wrong error".
 *
 * @module
 */

import { NotImplementedError } from "../not_implemented.ts";
import { AssertionError } from "./assert.ts";

/** What {@link assertClearError} checks and how it explains a failure. */
export interface ClearErrorOptions {
  /** Text the error message must contain, e.g. `"forward"` or `"W1"`. */
  includes: string;
  /** Compare `includes` with the message in lower case. Default false. */
  ignoreCase?: boolean;
  /** What the message should do, after "which does not": `"name the parameter \"b2\""`. */
  says: string;
  /** Advice for a `TypeError`: `"check grads yourself and throw an Error that ..."`. */
  fix: string;
}

/**
 * Runs `fn` and fails unless it throws an `Error` that is not a `TypeError`
 * and whose message includes `options.includes`; returns that error. Each
 * failure message starts with `what`, the call and its circumstances.
 *
 * @example
 * ```ts
 * import { assertClearError } from "./protocol.ts";
 * const update = (grads: Record<string, number>) => {
 *   if (!("b2" in grads)) throw new Error('grads has no entry for "b2"');
 * };
 * assertClearError(() => update({}), "update with no gradient for b2", {
 *   includes: "b2",
 *   says: 'name the parameter "b2"',
 *   fix: 'check grads yourself and throw an Error that names "b2"',
 * });
 * ```
 */
export function assertClearError(
  fn: () => unknown,
  what: string,
  options: ClearErrorOptions,
): Error {
  const { includes, ignoreCase = false, says, fix } = options;
  let thrown: unknown;
  let threw = false;
  try {
    fn();
  } catch (e) {
    thrown = e;
    threw = true;
  }
  if (!threw) {
    throw new AssertionError(
      `${what} should throw an Error that would ${says}, but it did not throw.`,
    );
  }
  if (thrown instanceof NotImplementedError) throw thrown;
  if (!(thrown instanceof Error)) {
    throw new AssertionError(
      `${what} threw ${String(thrown)}, which is not an Error: ${fix}`,
    );
  }
  if (thrown instanceof TypeError) {
    throw new AssertionError(
      `${what} threw a TypeError ("${thrown.message}"): ${fix}`,
    );
  }
  const message = ignoreCase ? thrown.message.toLowerCase() : thrown.message;
  if (!message.includes(ignoreCase ? includes.toLowerCase() : includes)) {
    throw new AssertionError(
      `${what} threw "${thrown.message}", which does not ${says}`,
    );
  }
  return thrown;
}

/**
 * Fails unless `fn` (a backward called before any forward, say) throws an
 * `Error`, not a `TypeError`, whose message mentions "forward" in any case.
 * `what` names the call, e.g.
 * `"Relu.backward([1, 2]) before any forward"`. `fix`, the advice given for
 * a `TypeError`, defaults to checking for a missing forward.
 *
 * @example
 * ```ts
 * import { assertForwardFirst } from "./protocol.ts";
 * class Doubler {
 *   #x?: number;
 *   forward(x: number): number {
 *     this.#x = x;
 *     return 2 * x;
 *   }
 *   backward(dout: number): number {
 *     if (this.#x === undefined) throw new Error("call forward before backward");
 *     return 2 * dout;
 *   }
 * }
 * assertForwardFirst(
 *   () => new Doubler().backward(1),
 *   "Doubler.backward(1) before any forward",
 * );
 * ```
 */
export function assertForwardFirst(
  fn: () => unknown,
  what: string,
  fix = "check for a missing forward yourself and throw an Error that says so",
): void {
  assertClearError(fn, what, {
    includes: "forward",
    ignoreCase: true,
    says: "say that forward must come first",
    fix,
  });
}

/**
 * Runs `fn`, a call into the learner's code, and returns what it returns.
 * When it throws (a TypeError, a shape error from a matmul ...), fails with
 * an `AssertionError` that says which call it was, `what`, and what it
 * threw. A spec's own `AssertionError` and a stub's `NotImplementedError`
 * pass through unchanged, so "not implemented yet" still reads as such.
 *
 * @example
 * ```ts
 * import { explain } from "./protocol.ts";
 * import { AssertionError, assertThrows } from "./assert.ts";
 * console.assert(explain("layer.forward(x)", () => 2) === 2);
 * const layer: { W?: number[] } = {};
 * const error = assertThrows(
 *   () => explain("layer.forward(x)", () => layer.W!.length),
 *   AssertionError,
 * );
 * console.assert(error.message.startsWith("layer.forward(x) threw TypeError"));
 * ```
 */
export function explain<T>(what: string, fn: () => T): T {
  try {
    return fn();
  } catch (e) {
    if (e instanceof AssertionError || e instanceof NotImplementedError) {
      throw e;
    }
    throw new AssertionError(`${what} threw ${e}`);
  }
}
