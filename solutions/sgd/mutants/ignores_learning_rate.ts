// Mutant of sgd.ts: the step uses the book's 0.01 instead of the optimizer's
// own learning rate.
import { shapeToString, type Tensor } from "../../../lib/tensor.ts";

/** Stochastic gradient descent (book 6.1.2): W ← W − η·∂L/∂W. */
export class SGD {
  /** The learning rate η. */
  readonly lr: number;

  /** Creates the optimizer; the book's default learning rate is 0.01. */
  constructor(lr = 0.01) {
    this.lr = lr;
  }

  /** Moves every parameter one step against its gradient, in place. */
  update(params: Record<string, Tensor>, grads: Record<string, Tensor>): void {
    checkGradients("SGD.update", params, grads);
    for (const [key, param] of Object.entries(params)) {
      // In place: the layers hold this same tensor and must see the new value.
      param.subInPlace(grads[key].mul(0.01));
    }
  }
}

/**
 * Throws unless every parameter has a gradient of its own shape. Checked
 * before any update, so a bad call changes nothing; a shape that would merely
 * broadcast is an error too, because it means the gradient is not this
 * parameter's.
 */
function checkGradients(
  who: string,
  params: Record<string, Tensor>,
  grads: Record<string, Tensor>,
): void {
  for (const [key, param] of Object.entries(params)) {
    const grad = grads[key];
    if (grad === undefined) {
      throw new Error(`${who}: grads has no entry for the parameter "${key}"`);
    }
    if (shapeToString(grad.shape) !== shapeToString(param.shape)) {
      throw new Error(
        `${who}: the gradient of "${key}" has shape ${
          shapeToString(grad.shape)
        }, but the parameter has shape ${shapeToString(param.shape)}`,
      );
    }
  }
}
