// deno-lint-ignore-file no-unused-vars
import type { Tensor } from "../../lib/tensor.ts";
import { notImplemented } from "../../lib/not_implemented.ts";

/** RMSprop (book 6.1.5): see README.md beside this file. */
export class RMSprop {
  /** The learning rate η. */
  readonly lr: number;
  /** The decay rate ρ: how much of the old h survives each step. */
  readonly decayRate: number;

  /** Creates the optimizer; the book's defaults are lr 0.01, decay 0.99. */
  constructor(lr = 0.01, decayRate = 0.99) {
    this.lr = lr;
    this.decayRate = decayRate;
  }

  /** Moves every parameter by its scaled gradient, in place. */
  update(params: Record<string, Tensor>, grads: Record<string, Tensor>): void {
    return notImplemented("rmsprop", "RMSprop.update");
  }
}
