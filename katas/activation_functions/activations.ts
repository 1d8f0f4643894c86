// deno-lint-ignore-file no-unused-vars
import type { Tensor } from "../../lib/tensor.ts";
import { notImplemented } from "../../lib/not_implemented.ts";

/** The step function (book 3.2.2): 1 where `x > 0`, 0 elsewhere. */
export function stepFunction(x: Tensor): Tensor {
  return notImplemented("activation_functions", "stepFunction");
}

/** The sigmoid (book 3.2.4): 1 / (1 + e^-x), elementwise. */
export function sigmoid(x: Tensor): Tensor {
  return notImplemented("activation_functions", "sigmoid");
}

/** ReLU (book 3.2.7): max(0, x), elementwise. */
export function relu(x: Tensor): Tensor {
  return notImplemented("activation_functions", "relu");
}
