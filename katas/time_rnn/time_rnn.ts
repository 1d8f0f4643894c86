// deno-lint-ignore-file no-unused-vars
import type { Tensor } from "../../lib/tensor.ts";
import type { Params } from "../../lib/layer.ts";
import { notImplemented } from "../../lib/not_implemented.ts";

/** T steps of an RNN cell (second book, 5.3.2): see README.md beside this file. */
export class TimeRNN {
  /** The parameters by name: `Wx`, `Wh`, `b`, shared by every step. */
  readonly params!: Params;
  /** Their gradients by name, summed over the steps of each backward, written in place. */
  readonly grads!: Params;
  /** Whether each forward starts from the hidden state the one before ended with. */
  readonly stateful!: boolean;

  /** Keeps the weights by reference; `stateful` carries the hidden state across forwards. */
  constructor(Wx: Tensor, Wh: Tensor, b: Tensor, stateful = false) {
    notImplemented("time_rnn", "TimeRNN constructor");
  }

  /** The gradient of the initial hidden state, from the last backward. */
  get dh(): Tensor | undefined {
    return notImplemented("time_rnn", "TimeRNN.dh");
  }

  /** The hidden states of every step for `xs` of shape `[N, T, D]`: `[N, T, H]`. */
  forward(xs: Tensor): Tensor {
    return notImplemented("time_rnn", "TimeRNN.forward");
  }

  /**
   * Returns dxs `[N, T, D]` for dhs `[N, T, H]`, and writes the weights'
   * gradients, summed over the steps, into `grads` in place.
   */
  backward(dhs: Tensor): Tensor {
    return notImplemented("time_rnn", "TimeRNN.backward");
  }

  /** The hidden state `[N, H]` the next stateful forward starts from. */
  setState(h: Tensor): void {
    notImplemented("time_rnn", "TimeRNN.setState");
  }

  /** Forgets the hidden state: the next forward starts from zeros. */
  resetState(): void {
    notImplemented("time_rnn", "TimeRNN.resetState");
  }
}
