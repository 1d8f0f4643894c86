/**
 * Checks that a layer neither changes the tensors it is given nor hands back
 * one of them as its result.
 *
 * @module
 */

import type { Tensor } from "../tensor.ts";
import { AssertionError } from "./assert.ts";
import { unravel } from "./close.ts";

/**
 * Runs `action` and fails if it changed any of `inputs` (shape or any element,
 * compared bit for bit). Returns what `action` returned.
 *
 * @example
 * ```ts
 * import { assertUnchanged } from "./mutation.ts";
 * import { Tensor } from "../tensor.ts";
 * const dout = Tensor.from([1, -1]);
 * assertUnchanged({ dout }, () => dout.mul(2), "double");
 * ```
 */
export function assertUnchanged<T>(
  inputs: Record<string, Tensor>,
  action: () => T,
  what = "the call",
): T {
  const before = Object.entries(inputs).map(([name, t]) => ({
    name,
    t,
    shape: [...t.shape],
    data: t.data.slice(),
  }));
  const result = action();
  for (const { name, t, shape, data } of before) {
    if (t.shape.join() !== shape.join() || t.data.length !== data.length) {
      throw new AssertionError(
        `${what} changed the shape of its argument ${name} from [${
          shape.join(", ")
        }] to [${t.shape.join(", ")}]`,
      );
    }
    for (let i = 0; i < data.length; i++) {
      if (!Object.is(t.data[i], data[i])) {
        throw new AssertionError(
          `${what} changed its argument ${name}: at [${
            unravel(i, shape).join(", ")
          }] it was ${data[i]} and is now ${t.data[i]}. ` +
            `Compute into a new tensor and leave ${name} as it was.`,
        );
      }
    }
  }
  return result;
}

/**
 * Fails if `result` is one of `inputs` or shares its data with one of them:
 * writing into it later would then change the caller's tensor.
 *
 * @example
 * ```ts
 * import { assertFresh } from "./mutation.ts";
 * import { Tensor } from "../tensor.ts";
 * const dout = Tensor.from([1, 2]);
 * assertFresh(dout.mul(1), { dout }, "copy");
 * ```
 */
export function assertFresh(
  result: Tensor,
  inputs: Record<string, Tensor>,
  what = "the call",
): void {
  for (const [name, t] of Object.entries(inputs)) {
    if (result === t) {
      throw new AssertionError(
        `${what} returned its argument ${name} itself; return a new tensor.`,
      );
    }
    if (result.data.buffer === t.data.buffer) {
      throw new AssertionError(
        `${what} returned a tensor that shares its data with ${name}; ` +
          `return a tensor with data of its own.`,
      );
    }
  }
}
