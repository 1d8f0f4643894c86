// Mutant of rmsprop.ts: the averages are kept by parameter tensor (object
// identity) instead of by name, so a parameter passed as a new tensor starts
// afresh.
import { shapeToString, Tensor } from "../../../lib/tensor.ts";

/**
 * RMSprop (book 6.1.5, and its common/optimizer.py): AdaGrad with a memory
 * that fades, h ← ρh + (1 − ρ)(∂L/∂W)², then W ← W − η·∂L/∂W / (√h + 1e-7).
 */
export class RMSprop {
  /** The learning rate η. */
  readonly lr: number;
  /** The decay rate ρ: how much of the old h survives each step. */
  readonly decayRate: number;
  /** The moving average of squared gradients of each parameter tensor. */
  #h = new WeakMap<Tensor, Tensor>();

  /** Creates the optimizer; the book's defaults are lr 0.01, decay 0.99. */
  constructor(lr = 0.01, decayRate = 0.99) {
    this.lr = lr;
    this.decayRate = decayRate;
  }

  /** Moves every parameter by its scaled gradient, in place. */
  update(params: Record<string, Tensor>, grads: Record<string, Tensor>): void {
    checkGradients("RMSprop.update", params, grads);
    for (const [key, param] of Object.entries(params)) {
      const grad = grads[key];
      let h = this.#h.get(param);
      if (h === undefined) {
        h = Tensor.zeros(param.shape);
        this.#h.set(param, h);
      }
      // Old squared gradients fade by ρ each step, so unlike AdaGrad the
      // steps do not shrink for ever.
      h.mulInPlace(this.decayRate).addInPlace(
        grad.mul(grad).mul(1 - this.decayRate),
      );
      // The 1e-7 keeps the division finite while h is still 0.
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
