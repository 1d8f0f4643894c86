/**
 * The activation functions of book section 3.2: the step function of the
 * perceptron, the sigmoid of classic neural networks, and ReLU.
 *
 * @module
 */

import { add, div, type Tensor } from "../../lib/tensor.ts";

/** 1 where `x > 0`, 0 elsewhere (0 itself included), elementwise. */
export function stepFunction(x: Tensor): Tensor {
  // `gt` builds a new tensor of 1s and 0s, as numpy's `x > 0` cast to int.
  return x.gt(0);
}

/** The sigmoid 1 / (1 + e^-x), elementwise. */
export function sigmoid(x: Tensor): Tensor {
  // For x = -1000, e^1000 overflows to Infinity and 1 / Infinity is exactly
  // 0; for x = 1000, e^-1000 underflows to 0 and the result is 1. Neither
  // end produces Infinity / Infinity, so this form never gives NaN.
  return div(1, add(1, x.neg().exp()));
}

/** max(0, x), elementwise. */
export function relu(x: Tensor): Tensor {
  // `maximum` returns a new tensor: the caller's x stays as it was.
  return x.maximum(0);
}
