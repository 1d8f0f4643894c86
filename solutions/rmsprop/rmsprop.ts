import {
  checkGradients,
  type Optimizer,
  type Params,
} from "../../lib/layer.ts";
import { Tensor } from "../../lib/tensor.ts";

/**
 * RMSprop (book 6.1.5, and its common/optimizer.py): AdaGrad with a memory
 * that fades, h ← ρh + (1 − ρ)(∂L/∂W)², then W ← W − η·∂L/∂W / (√h + 1e-7).
 */
export class RMSprop implements Optimizer {
  /** The learning rate η. */
  readonly lr: number;
  /** The decay rate ρ: how much of the old h survives each step. */
  readonly decayRate: number;
  /** The moving average of squared gradients of each parameter, by name. */
  #h = new Map<string, Tensor>();

  /** Creates the optimizer; the book's defaults are lr 0.01, decay 0.99. */
  constructor(lr = 0.01, decayRate = 0.99) {
    this.lr = lr;
    this.decayRate = decayRate;
  }

  /** Moves every parameter by its scaled gradient, in place. */
  update(params: Params, grads: Params): void {
    checkGradients("RMSprop.update", params, grads);
    for (const key in params) {
      let h = this.#h.get(key);
      if (h === undefined) {
        h = Tensor.zeros(params[key].shape);
        this.#h.set(key, h);
      }
      // Old squared gradients fade by ρ each step, so unlike AdaGrad the
      // steps do not shrink for ever.
      h.mulInPlace(this.decayRate);
      h.addInPlace(grads[key].mul(grads[key]).mul(1 - this.decayRate));
      // The 1e-7 keeps the division finite while h is still 0.
      params[key].subInPlace(grads[key].mul(this.lr).div(h.sqrt().add(1e-7)));
    }
  }
}
