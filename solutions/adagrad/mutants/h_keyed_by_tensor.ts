// Mutant of adagrad.ts: the sums are kept by parameter tensor (object identity)
// instead of by name, so a parameter passed as a new tensor starts afresh.
import { shapeToString, Tensor } from "../../../lib/tensor.ts";

/**
 * AdaGrad (book 6.1.5): each element's step shrinks as its squared gradients
 * add up, h ← h + (∂L/∂W)², then W ← W − η·∂L/∂W / (√h + 1e-7).
 */
export class AdaGrad {
  /** The learning rate η. */
  readonly lr: number;
  /** The sum of squared gradients of each parameter tensor. */
  #h = new WeakMap<Tensor, Tensor>();

  /** Creates the optimizer; the book's default learning rate is 0.01. */
  constructor(lr = 0.01) {
    this.lr = lr;
  }

  /** Moves every parameter by its scaled-down gradient, in place. */
  update(params: Record<string, Tensor>, grads: Record<string, Tensor>): void {
    checkGradients("AdaGrad.update", params, grads);
    for (const [key, param] of Object.entries(params)) {
      const grad = grads[key];
      let h = this.#h.get(param);
      if (h === undefined) {
        h = Tensor.zeros(param.shape);
        this.#h.set(param, h);
      }
      h.addInPlace(grad.mul(grad));
      // The 1e-7 keeps the division finite while h is still 0; added after
      // the square root it barely changes the step once h is not tiny.
      param.subInPlace(grad.mul(this.lr).div(h.sqrt().add(1e-7)));
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
