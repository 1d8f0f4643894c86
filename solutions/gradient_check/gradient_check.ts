import { shapeToString, type Tensor } from "../../lib/tensor.ts";
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
  const gradBackprop = net.gradient(x, t);
  const errors: Record<string, number> = {};
  for (const [name, param] of Object.entries(net.params)) {
    const grad = gradBackprop[name];
    if (grad === undefined) {
      throw new Error(
        `gradientCheck: gradient() gave no gradient for the parameter "${name}"`,
      );
    }
    if (shapeToString(grad.shape) !== shapeToString(param.shape)) {
      throw new Error(
        `gradientCheck: the gradient of "${name}" has shape ${
          shapeToString(grad.shape)
        } but the parameter has shape ${shapeToString(param.shape)}`,
      );
    }
    // numericalGradient nudges `param` itself, in place, and the net reads
    // it by reference: so each loss call sees the nudge.
    const gradNumerical = numericalGradient(() => net.loss(x, t), param);
    errors[name] = largestRelativeError(grad, gradNumerical);
  }
  return errors;
}

/** The largest `|a-b| / max(1e-8, |a|+|b|)`; NaN if any element is NaN. */
function largestRelativeError(a: Tensor, b: Tensor): number {
  // The floor keeps two zero gradients at an error of 0 instead of 0 / 0.
  const scale = a.abs().add(b.abs()).maximum(1e-8);
  // max passes a NaN on, where keeping the largest with `e > largest` would
  // skip it.
  return a.sub(b).abs().div(scale).max();
}
