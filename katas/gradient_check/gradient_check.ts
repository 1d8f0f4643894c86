// deno-lint-ignore-file no-unused-vars
import type { Tensor } from "../../lib/tensor.ts";
import { notImplemented } from "../../lib/not_implemented.ts";
import { numericalGradient } from "../numerical_gradient/numerical_gradient.ts";

/** What {@link gradientCheck} needs of a network. */
export interface CheckableNet {
  /** The parameters by name; `loss` and `gradient` read these very tensors. */
  params: Record<string, Tensor>;
  /** The loss for the input `x` and the targets `t`. */
  loss(x: Tensor, t: Tensor): number;
  /** The gradient of the loss for each parameter, by backpropagation. */
  gradient(x: Tensor, t: Tensor): Record<string, Tensor>;
}

/**
 * For every parameter, the largest relative error `|a-b| / max(1e-8, |a|+|b|)`
 * between `gradient(x, t)` and the numerical gradient of `loss(x, t)`.
 */
export function gradientCheck(
  net: CheckableNet,
  x: Tensor,
  t: Tensor,
): Record<string, number> {
  return notImplemented("gradient_check", "gradientCheck");
}
