import { Tensor } from "../../lib/tensor.ts";
import type { Rng } from "../../lib/random.ts";
import type { Layer } from "../../lib/layer.ts";
import { Relu } from "../relu_layer/relu.ts";
import { Affine } from "../affine_layer/affine.ts";
import { SoftmaxWithLoss } from "../softmax_with_loss/softmax_with_loss.ts";

/** The weights and biases of a {@link TwoLayerNet}, or their gradients. */
export interface TwoLayerParams {
  /** First layer's weights, `[inputSize, hiddenSize]`. */
  W1: Tensor;
  /** First layer's biases, `[hiddenSize]`. */
  b1: Tensor;
  /** Second layer's weights, `[hiddenSize, outputSize]`. */
  W2: Tensor;
  /** Second layer's biases, `[outputSize]`. */
  b2: Tensor;
}

/** The two-layer network of book 5.7: Affine, ReLU, Affine, Softmax-with-Loss. */
export class TwoLayerNet {
  /** The parameters, shared with the layers: update them in place. */
  params: TwoLayerParams;
  #affine1: Affine;
  #affine2: Affine;
  /** Affine1, Relu1, Affine2 in forward order. */
  #layers: Layer[];
  #lastLayer = new SoftmaxWithLoss();

  /** Draws W1 and W2 as `weightInitStd` times normal draws from `rng`; b1 and b2 are zeros. */
  constructor(
    inputSize: number,
    hiddenSize: number,
    outputSize: number,
    rng: Rng,
    weightInitStd = 0.01,
  ) {
    this.params = {
      W1: Tensor.randn([inputSize, hiddenSize], rng, weightInitStd),
      b1: Tensor.zeros([hiddenSize]),
      W2: Tensor.randn([hiddenSize, outputSize], rng, weightInitStd),
      b2: Tensor.zeros([outputSize]),
    };
    // The layers hold the very tensors in params, so an optimizer's in-place
    // update of params is what the next forward pass computes with.
    this.#affine1 = new Affine(this.params.W1, this.params.b1);
    this.#affine2 = new Affine(this.params.W2, this.params.b2);
    this.#layers = [this.#affine1, new Relu(), this.#affine2];
  }

  /** The scores (before softmax) for a batch `x` `[N, inputSize]`: `[N, outputSize]`. */
  predict(x: Tensor): Tensor {
    for (const layer of this.#layers) x = layer.forward(x);
    return x;
  }

  /** The mean cross-entropy loss for `x` and targets `t` (labels `[N]` or one-hot `[N, outputSize]`). */
  loss(x: Tensor, t: Tensor): number {
    return this.#lastLayer.forward(this.predict(x), t);
  }

  /** The share of rows of `x` whose highest score is at the target class. */
  accuracy(x: Tensor, t: Tensor): number {
    const y = this.predict(x).argmax(1);
    const labels = t.ndim === 1 ? t : t.argmax(1);
    return y.eq(labels).sum() / x.shape[0];
  }

  /** The gradients of the loss for `x` and `t` by backpropagation, one per parameter. */
  gradient(x: Tensor, t: Tensor): TwoLayerParams {
    this.loss(x, t);
    let dout = this.#lastLayer.backward(1);
    for (const layer of this.#layers.toReversed()) dout = layer.backward(dout);
    return {
      W1: this.#affine1.dW!,
      b1: this.#affine1.db!,
      W2: this.#affine2.dW!,
      b2: this.#affine2.db!,
    };
  }
}
