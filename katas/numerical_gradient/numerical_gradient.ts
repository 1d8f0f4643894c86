// deno-lint-ignore-file no-unused-vars
import type { Tensor } from "../../lib/tensor.ts";
import { notImplemented } from "../../lib/not_implemented.ts";

/** The derivative of `f` at `x` by central difference with h = 1e-4 (book 4.3). */
export function numericalDiff(f: (x: number) => number, x: number): number {
  return notImplemented("numerical_gradient", "numericalDiff");
}

/**
 * The gradient of `f` at `x` by central difference in each element (book
 * 4.4); `x` is perturbed in place and left exactly as it was.
 */
export function numericalGradient(
  f: (x: Tensor) => number,
  x: Tensor,
): Tensor {
  return notImplemented("numerical_gradient", "numericalGradient");
}

/**
 * `stepNum` steps of gradient descent on `f` from `initX` (book 4.4.1);
 * returns the last x and leaves `initX` as it was.
 */
export function gradientDescent(
  f: (x: Tensor) => number,
  initX: Tensor,
  lr = 0.01,
  stepNum = 100,
): Tensor {
  return notImplemented("numerical_gradient", "gradientDescent");
}
