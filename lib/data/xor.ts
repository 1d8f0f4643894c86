/**
 * The XOR data set: the four corners of the unit square, labelled 1 where
 * exactly one coordinate is 1. No single straight line separates the two
 * classes, which is why a one-layer perceptron cannot learn it (book 2.4).
 *
 * @module
 */

import { Tensor } from "../tensor.ts";
import type { Rng } from "../random.ts";
import type { SpiralData } from "./spiral.ts";

/**
 * The XOR truth table as data: `x` of shape `[4, 2]`, `t` of shape `[4]`.
 * With a generator, `copies` jittered copies of each corner are returned
 * instead (normal noise of standard deviation `noise`), for training.
 *
 * @example
 * ```ts
 * import { xor } from "./xor.ts";
 * const { x, t } = xor();
 * console.assert(x.shape.join() === "4,2" && t.toString() === "[0 1 1 0]");
 * ```
 */
export function xor(
  options?: { rng: Rng; copies: number; noise?: number },
): SpiralData {
  const corners = [[0, 0], [0, 1], [1, 0], [1, 1]];
  const labels = corners.map(([a, b]) => (a === b ? 0 : 1));
  if (options === undefined) {
    return { x: Tensor.from(corners), t: Tensor.from(labels) };
  }
  const { rng, copies, noise = 0.1 } = options;
  if (!Number.isInteger(copies) || copies < 1) {
    throw new RangeError(
      `xor: copies must be a whole number >= 1, got ${copies}`,
    );
  }
  if (!(noise >= 0)) {
    throw new RangeError(`xor: noise must be >= 0, got ${noise}`);
  }
  const x = Tensor.zeros([4 * copies, 2]);
  const t = Tensor.zeros([4 * copies]);
  for (let i = 0; i < 4 * copies; i++) {
    const corner = i % 4;
    x.data[2 * i] = corners[corner][0] + rng.normal(0, noise);
    x.data[2 * i + 1] = corners[corner][1] + rng.normal(0, noise);
    t.data[i] = labels[corner];
  }
  return { x, t };
}
