import {
  checkGradients,
  type Optimizer,
  type Params,
} from "../../lib/layer.ts";

/** Stochastic gradient descent (book 6.1.2): W ← W − η·∂L/∂W. */
export class SGD implements Optimizer {
  /** The learning rate η. */
  readonly lr: number;

  /** Creates the optimizer; the book's default learning rate is 0.01. */
  constructor(lr = 0.01) {
    this.lr = lr;
  }

  /** Moves every parameter one step against its gradient, in place. */
  update(params: Params, grads: Params): void {
    checkGradients("SGD.update", params, grads);
    for (const key in params) {
      // In place: the layers hold this same tensor and must see the new value.
      params[key].subInPlace(grads[key].mul(this.lr));
    }
  }
}
