import {
  checkGradients,
  type Optimizer,
  type Params,
} from "../../lib/layer.ts";
import { notImplemented } from "../../lib/not_implemented.ts";

/** AdaGrad (book 6.1.5): see README.md beside this file. */
export class AdaGrad implements Optimizer {
  /** The learning rate η. */
  readonly lr: number;

  /** Creates the optimizer; the book's default learning rate is 0.01. */
  constructor(lr = 0.01) {
    this.lr = lr;
  }

  /** Moves every parameter by its scaled-down gradient, in place. */
  update(params: Params, grads: Params): void {
    // Given: throws, naming the parameter, unless every parameter has a
    // gradient of its own shape. Keep it first, before anything changes.
    checkGradients("AdaGrad.update", params, grads);
    return notImplemented("adagrad", "AdaGrad.update");
  }
}
