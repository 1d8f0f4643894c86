/**
 * What a kata's stub throws until the learner writes the code.
 *
 * @module
 */

/** The error every unimplemented stub method throws. */
export class NotImplementedError extends Error {
  /** The kata folder the stub belongs to, e.g. `"relu_layer"`. */
  readonly kata: string;

  /** Creates the error for `what` (e.g. `"Relu.forward"`) in `kata`. */
  constructor(kata: string, what: string) {
    super(
      `${what} is not implemented yet. It is your part of kata "${kata}": ` +
        `read katas/${kata}/README.md, then replace this throw with your code.`,
    );
    this.name = "NotImplementedError";
    this.kata = kata;
  }
}

/**
 * Throws a {@link NotImplementedError}; a stub's methods call it.
 *
 * @example
 * ```ts
 * import { notImplemented, NotImplementedError } from "./not_implemented.ts";
 * try {
 *   notImplemented("relu_layer", "Relu.forward");
 * } catch (e) {
 *   console.assert(e instanceof NotImplementedError);
 *   console.assert(String(e).includes("katas/relu_layer/README.md"));
 * }
 * ```
 */
export function notImplemented(kata: string, what: string): never {
  throw new NotImplementedError(kata, what);
}
