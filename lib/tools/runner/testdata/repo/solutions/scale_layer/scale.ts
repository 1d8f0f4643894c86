import type { Tensor } from "../../lib/tensor.ts";

/** Doubles every element of `x`. */
export function scale(x: Tensor): Tensor {
  return x.mul(2);
}
