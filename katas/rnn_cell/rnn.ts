// deno-lint-ignore-file no-unused-vars
import type { Tensor } from "../../lib/tensor.ts";
import type { Params } from "../../lib/layer.ts";
import { notImplemented } from "../../lib/not_implemented.ts";

/** The RNN cell (second book, 5.3.1): see README.md beside this file. */
export class RNN {
  /** The parameters by name: `Wx` `[D, H]`, `Wh` `[H, H]`, `b` `[H]`, the very tensors given. */
  readonly params!: Params;
  /** Their gradients by name: made once, overwritten by every backward. */
  readonly grads!: Params;

  /** Keeps the weights by reference and a gradient of zeros in each one's shape. */
  constructor(Wx: Tensor, Wh: Tensor, b: Tensor) {
    notImplemented("rnn_cell", "RNN constructor");
  }

  /** Returns `hNext = tanh(hPrev·Wh + x·Wx + b)`, shape `[N, H]`. */
  forward(x: Tensor, hPrev: Tensor): Tensor {
    return notImplemented("rnn_cell", "RNN.forward");
  }

  /** Writes dWx, dWh and db into `grads` in place; returns dx and dhPrev. */
  backward(dhNext: Tensor): { dx: Tensor; dhPrev: Tensor } {
    return notImplemented("rnn_cell", "RNN.backward");
  }
}
