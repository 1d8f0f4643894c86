// deno-lint-ignore-file no-unused-vars
import type { Tensor } from "../../lib/tensor.ts";
import type { Params } from "../../lib/layer.ts";
import { notImplemented } from "../../lib/not_implemented.ts";

/** The LSTM cell (second book, 6.3), gates in the order f, g, i, o: see README.md beside this file. */
export class LSTM {
  /** The parameters by name: `Wx` `[D, 4H]`, `Wh` `[H, 4H]`, `b` `[4H]`, the very tensors given. */
  readonly params!: Params;
  /** Their gradients by name: made once, overwritten by every backward. */
  readonly grads!: Params;

  /** Keeps the weights by reference and a gradient of zeros in each one's shape. */
  constructor(Wx: Tensor, Wh: Tensor, b: Tensor) {
    notImplemented("lstm", "LSTM constructor");
  }

  /** The next hidden state and memory cell, each `[N, H]`. */
  forward(x: Tensor, hPrev: Tensor, cPrev: Tensor): { h: Tensor; c: Tensor } {
    return notImplemented("lstm", "LSTM.forward");
  }

  /** Writes the weights' gradients into `grads` in place; returns dx, dhPrev and dcPrev. */
  backward(
    dhNext: Tensor,
    dcNext: Tensor,
  ): { dx: Tensor; dhPrev: Tensor; dcPrev: Tensor } {
    return notImplemented("lstm", "LSTM.backward");
  }
}
