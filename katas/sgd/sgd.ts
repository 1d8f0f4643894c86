import {
  checkGradients,
  type Optimizer,
  type Params,
} from "../../lib/layer.ts";
import { notImplemented } from "../../lib/not_implemented.ts";

/** Stochastic gradient descent (book 6.1.2): see README.md beside this file. */
export class SGD implements Optimizer {
  /** The learning rate η. */
  readonly lr: number;

  /** Creates the optimizer; the book's default learning rate is 0.01. */
  constructor(lr = 0.01) {
    this.lr = lr;
  }

  /** Moves every parameter one step against its gradient, in place. */
  update(params: Params, grads: Params): void {
    // Given: throws, naming the parameter, unless every parameter has a
    // gradient of its own shape. Keep it first, before anything moves.
    checkGradients("SGD.update", params, grads);
    return notImplemented("sgd", "SGD.update");
  }
}
