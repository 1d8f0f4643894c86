import { shapeToString, Tensor } from "../../lib/tensor.ts";
import type { Params } from "../../lib/layer.ts";
import { RNN } from "../rnn_cell/rnn.ts";

/** T steps of an RNN cell over a batch of sequences (second book, 5.3.2). */
export class TimeRNN {
  /** The parameters by name: `Wx`, `Wh`, `b`, shared by every step. */
  readonly params: Params;
  /** Their gradients by name, summed over the steps of each backward, written in place. */
  readonly grads: Params;
  /** Whether each forward starts from the hidden state the one before ended with. */
  readonly stateful: boolean;
  /** The last forward's cells, one per step, and its hidden states' shape `[N, T, H]`. */
  #last: { layers: RNN[]; shape: number[] } | undefined;
  /** The hidden state the next forward starts from, if any. */
  #h: Tensor | undefined;
  /** ∂L/∂h of the state the last backward's block started from. */
  #dh: Tensor | undefined;

  /** Keeps the weights by reference; `stateful` carries the hidden state across forwards. */
  constructor(Wx: Tensor, Wh: Tensor, b: Tensor, stateful = false) {
    this.params = { Wx, Wh, b };
    this.grads = {
      Wx: Tensor.zeros(Wx.shape),
      Wh: Tensor.zeros(Wh.shape),
      b: Tensor.zeros(b.shape),
    };
    this.stateful = stateful;
  }

  /** The gradient of the initial hidden state, from the last backward. */
  get dh(): Tensor | undefined {
    return this.#dh;
  }

  /** The hidden states of every step for `xs` of shape `[N, T, D]`: `[N, T, H]`. */
  forward(xs: Tensor): Tensor {
    if (xs.ndim !== 3) {
      throw new Error(
        `TimeRNN.forward: xs must be [N, T, D], got shape ${
          shapeToString(xs.shape)
        }`,
      );
    }
    const [N, T] = xs.shape;
    const { Wx, Wh, b } = this.params;
    const H = Wh.shape[0];
    if (!this.stateful || this.#h === undefined) {
      this.#h = Tensor.zeros([N, H]);
    }
    const hs = Tensor.zeros([N, T, H]);
    const layers: RNN[] = [];
    for (let t = 0; t < T; t++) {
      const layer = new RNN(Wx, Wh, b);
      this.#h = layer.forward(xs.slice(null, t), this.#h);
      hs.setSliceInPlace([null, t], this.#h);
      layers.push(layer);
    }
    this.#last = { layers, shape: [N, T, H] };
    return hs;
  }

  /**
   * Returns dxs `[N, T, D]` for dhs `[N, T, H]`, and writes the weights'
   * gradients, summed over the steps, into `grads` in place.
   */
  backward(dhs: Tensor): Tensor {
    if (this.#last === undefined) {
      throw new Error("TimeRNN.backward was called before TimeRNN.forward");
    }
    const { layers, shape } = this.#last;
    const [N, T, H] = shape;
    if (shapeToString(dhs.shape) !== shapeToString(shape)) {
      throw new Error(
        `TimeRNN.backward: dhs has shape ${
          shapeToString(dhs.shape)
        }, but the hidden states are ${shapeToString(shape)}`,
      );
    }
    const D = this.params.Wx.shape[0];
    const dxs = Tensor.zeros([N, T, D]);
    for (const g of Object.values(this.grads)) g.assignInPlace(0);
    // Truncated BPTT: nothing flows in from after the block's last step.
    let dh = Tensor.zeros([N, H]);
    for (let t = T - 1; t >= 0; t--) {
      const layer = layers[t];
      // hs[:, t] went both to the layer above and to step t + 1.
      const { dx, dhPrev } = layer.backward(dhs.slice(null, t).add(dh));
      dxs.setSliceInPlace([null, t], dx);
      for (const name in this.grads) {
        this.grads[name].addInPlace(layer.grads[name]);
      }
      dh = dhPrev;
    }
    this.#dh = dh;
    return dxs;
  }

  /** The hidden state `[N, H]` the next stateful forward starts from. */
  setState(h: Tensor): void {
    this.#h = h;
  }

  /** Forgets the hidden state: the next forward starts from zeros. */
  resetState(): void {
    this.#h = undefined;
  }
}
