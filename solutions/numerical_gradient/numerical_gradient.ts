/**
 * Derivatives by central difference (book 4.3), gradients of functions of a
 * tensor, and gradient descent that follows them (book 4.4).
 *
 * @module
 */

import { Tensor } from "../../lib/tensor.ts";

/**
 * The step of the central difference. Small enough for a good
 * approximation, large enough that x + h still differs from x in float64
 * (book 4.3.1: 1e-50 rounds away entirely).
 */
const h = 1e-4;

/** The derivative of `f` at `x` by central difference, (f(x+h) - f(x-h)) / 2h. */
export function numericalDiff(f: (x: number) => number, x: number): number {
  return (f(x + h) - f(x - h)) / (2 * h);
}

/**
 * The gradient of `f` at `x`: the central difference in each element of `x`
 * in turn, the other elements held fixed. `x` is perturbed in place and each
 * element is put back exactly, so `f` may read `x` by reference.
 */
export function numericalGradient(
  f: (x: Tensor) => number,
  x: Tensor,
): Tensor {
  const grad = Tensor.zeros(x.shape);
  for (const idx of multiIndices(x.shape)) {
    const tmpVal = x.get(...idx);
    x.setInPlace(idx, tmpVal + h);
    const fxh1 = f(x);
    x.setInPlace(idx, tmpVal - h);
    const fxh2 = f(x);
    grad.setInPlace(idx, (fxh1 - fxh2) / (2 * h));
    // The saved value, not tmpVal - h + h, which float64 may round differently.
    x.setInPlace(idx, tmpVal);
  }
  return grad;
}

/**
 * Every index of a tensor of `shape`, in row-major order: the multi_index
 * that the book's np.nditer walks through, for a tensor of any rank.
 */
function* multiIndices(shape: readonly number[]): Generator<number[]> {
  if (shape.length === 0) {
    yield [];
    return;
  }
  const [first, ...rest] = shape;
  for (let i = 0; i < first; i++) {
    for (const tail of multiIndices(rest)) yield [i, ...tail];
  }
}

/**
 * `stepNum` steps of gradient descent on `f` from `initX`, each
 * x <- x - lr * grad f(x); returns the last x. `initX` is left as it was.
 */
export function gradientDescent(
  f: (x: Tensor) => number,
  initX: Tensor,
  lr = 0.01,
  stepNum = 100,
): Tensor {
  const x = initX.clone();
  for (let i = 0; i < stepNum; i++) {
    const grad = numericalGradient(f, x);
    x.subInPlace(grad.mul(lr));
  }
  return x;
}
