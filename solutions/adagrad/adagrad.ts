import {
  checkGradients,
  type Optimizer,
  type Params,
} from "../../lib/layer.ts";
import { Tensor } from "../../lib/tensor.ts";

/**
 * AdaGrad (book 6.1.5): each element's step shrinks as its squared gradients
 * add up, h ← h + (∂L/∂W)², then W ← W − η·∂L/∂W / (√h + 1e-7).
 */
export class AdaGrad implements Optimizer {
  /** The learning rate η. */
  readonly lr: number;
  /** The sum of squared gradients of each parameter, by name. */
  #h = new Map<string, Tensor>();

  /** Creates the optimizer; the book's default learning rate is 0.01. */
  constructor(lr = 0.01) {
    this.lr = lr;
  }

  /** Moves every parameter by its scaled-down gradient, in place. */
  update(params: Params, grads: Params): void {
    checkGradients("AdaGrad.update", params, grads);
    for (const key in params) {
      let h = this.#h.get(key);
      if (h === undefined) {
        h = Tensor.zeros(params[key].shape);
        this.#h.set(key, h);
      }
      h.addInPlace(grads[key].mul(grads[key]));
      // The 1e-7 keeps the division finite while h is still 0; added after
      // the square root it barely changes the step once h is not tiny.
      params[key].subInPlace(grads[key].mul(this.lr).div(h.sqrt().add(1e-7)));
    }
  }
}
