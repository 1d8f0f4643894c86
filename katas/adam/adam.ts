import {
  checkGradients,
  type Optimizer,
  type Params,
} from "../../lib/layer.ts";
import { notImplemented } from "../../lib/not_implemented.ts";

/** Adam (book 6.1.6): see README.md beside this file. */
export class Adam implements Optimizer {
  /** The learning rate η. */
  readonly lr: number;
  /** The decay β₁ of the moving average of gradients. */
  readonly beta1: number;
  /** The decay β₂ of the moving average of squared gradients. */
  readonly beta2: number;

  /** Creates the optimizer; the book's defaults are 0.001, 0.9, 0.999. */
  constructor(lr = 0.001, beta1 = 0.9, beta2 = 0.999) {
    this.lr = lr;
    this.beta1 = beta1;
    this.beta2 = beta2;
  }

  /** Moves every parameter by its corrected, scaled average gradient. */
  update(params: Params, grads: Params): void {
    // Given: throws, naming the parameter, unless every parameter has a
    // gradient of its own shape. Keep it first, before anything changes.
    checkGradients("Adam.update", params, grads);
    return notImplemented("adam", "Adam.update");
  }
}
