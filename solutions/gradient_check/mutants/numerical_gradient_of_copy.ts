// Mutant of gradient_check.ts: the numerical gradient nudges a copy of the
// parameter, which the net never reads, so it comes out 0.
import { shapeToString, type Tensor } from "../../../lib/tensor.ts";
import { numericalGradient } from "../../numerical_gradient/numerical_gradient.ts";

export interface CheckableNet {
  params: Record<string, Tensor>;
  loss(x: Tensor, t: Tensor): number;
  gradient(x: Tensor, t: Tensor): Record<string, Tensor>;
}

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
    const gradNumerical = numericalGradient(
      () => net.loss(x, t),
      param.clone(),
    );
    errors[name] = largestRelativeError(grad, gradNumerical);
  }
  return errors;
}

function largestRelativeError(a: Tensor, b: Tensor): number {
  let largest = 0;
  for (let i = 0; i < a.size; i++) {
    const diff = Math.abs(a.data[i] - b.data[i]);
    const scale = Math.max(1e-8, Math.abs(a.data[i]) + Math.abs(b.data[i]));
    largest = Math.max(largest, diff / scale);
  }
  return largest;
}
