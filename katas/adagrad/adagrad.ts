// deno-lint-ignore-file no-unused-vars
import type { Tensor } from "../../lib/tensor.ts";
import { notImplemented } from "../../lib/not_implemented.ts";

/** AdaGrad (book 6.1.5): see README.md beside this file. */
export class AdaGrad {
  /** The learning rate η. */
  readonly lr: number;

  /** Creates the optimizer; the book's default learning rate is 0.01. */
  constructor(lr = 0.01) {
    this.lr = lr;
  }

  /** Moves every parameter by its scaled-down gradient, in place. */
  update(params: Record<string, Tensor>, grads: Record<string, Tensor>): void {
    return notImplemented("adagrad", "AdaGrad.update");
  }
}
