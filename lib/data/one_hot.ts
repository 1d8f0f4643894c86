/**
 * One-hot encoding of class labels, the form of target the book's
 * `load_mnist(one_hot_label=True)` gives.
 *
 * @module
 */

import { Tensor } from "../tensor.ts";

/**
 * Turns labels `[N]` (whole numbers 0 to classes - 1) into rows `[N, classes]`
 * that hold a 1 at the label's position and 0 elsewhere.
 *
 * @example
 * ```ts
 * import { oneHot } from "./one_hot.ts";
 * import { Tensor } from "../tensor.ts";
 * const rows = oneHot(Tensor.from([2, 0]), 3);
 * console.assert(rows.toString() === "[[0 0 1]\n [1 0 0]]");
 * ```
 */
export function oneHot(labels: Tensor, classes: number): Tensor {
  if (!Number.isInteger(classes) || classes < 1) {
    throw new RangeError(
      `oneHot: classes must be a whole number >= 1, got ${classes}`,
    );
  }
  if (labels.ndim !== 1) {
    throw new RangeError(
      `oneHot: labels must have shape [N], got [${labels.shape.join(", ")}]`,
    );
  }
  const n = labels.shape[0];
  const out = Tensor.zeros([n, classes]);
  for (let i = 0; i < n; i++) {
    const label = labels.data[i];
    if (!Number.isInteger(label) || label < 0 || label >= classes) {
      throw new RangeError(
        `oneHot: label ${label} at [${i}] is not a whole number from 0 to ${
          classes - 1
        }`,
      );
    }
    out.data[i * classes + label] = 1;
  }
  return out;
}
