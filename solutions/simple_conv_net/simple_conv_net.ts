import { Tensor } from "../../lib/tensor.ts";
import type { Rng } from "../../lib/random.ts";
import type { Layer } from "../../lib/layer.ts";
import { Relu } from "../relu_layer/relu.ts";
import { Affine } from "../affine_layer/affine.ts";
import { SoftmaxWithLoss } from "../softmax_with_loss/softmax_with_loss.ts";
import { Convolution } from "../convolution/convolution.ts";
import { Pooling } from "../max_pooling/pooling.ts";

/** The weights and biases of a {@link SimpleConvNet}, or their gradients. */
export interface ConvNetParams {
  /** The filters of the convolution, `[filterNum, C, filterSize, filterSize]`. */
  W1: Tensor;
  /** The convolution's biases, `[filterNum]`. */
  b1: Tensor;
  /** The hidden Affine layer's weights, `[filterNum * PH * PW, hiddenSize]`. */
  W2: Tensor;
  /** The hidden Affine layer's biases, `[hiddenSize]`. */
  b2: Tensor;
  /** The output Affine layer's weights, `[hiddenSize, outputSize]`. */
  W3: Tensor;
  /** The output Affine layer's biases, `[outputSize]`. */
  b3: Tensor;
}

/** The sizes of a {@link SimpleConvNet}; every one but `rng` has the book's default. */
export interface ConvNetOptions {
  /** One input image: `[channels, height, width]`. Default `[1, 28, 28]`. */
  inputDim?: [number, number, number];
  /** How many filters the convolution has. Default 30. */
  filterNum?: number;
  /** The filters' height and width. Default 5. */
  filterSize?: number;
  /** The convolution's padding. Default 0. */
  pad?: number;
  /** The convolution's stride. Default 1. */
  stride?: number;
  /** The hidden Affine layer's width. Default 100. */
  hiddenSize?: number;
  /** How many classes. Default 10. */
  outputSize?: number;
  /** The standard deviation of the initial weights. Default 0.01. */
  weightInitStd?: number;
  /** Where the initial weights come from. */
  rng: Rng;
}

/**
 * The book's simple CNN (7.5): Convolution, ReLU, 2x2 max pooling at stride 2,
 * Affine, ReLU, Affine, then Softmax-with-Loss.
 */
export class SimpleConvNet {
  /** The parameters, shared with the layers: update them in place. */
  params: ConvNetParams;
  #conv: Convolution;
  #affine1: Affine;
  #affine2: Affine;
  /** Conv1, Relu1, Pool1, Affine1, Relu2, Affine2 in forward order. */
  #layers: Layer[];
  #lastLayer = new SoftmaxWithLoss();

  /** Draws the weights from `rng` times `weightInitStd`; the biases are zeros. */
  constructor(options: ConvNetOptions) {
    const {
      inputDim = [1, 28, 28],
      filterNum = 30,
      filterSize = 5,
      pad = 0,
      stride = 1,
      hiddenSize = 100,
      outputSize = 10,
      weightInitStd = 0.01,
      rng,
    } = options;
    const [channels, height, width] = inputDim;
    const convH = Math.floor((height + 2 * pad - filterSize) / stride) + 1;
    const convW = Math.floor((width + 2 * pad - filterSize) / stride) + 1;
    // 2x2 pooling at stride 2 halves each side, dropping an odd last row.
    const poolOutputSize = filterNum * Math.floor(convH / 2) *
      Math.floor(convW / 2);

    const std = weightInitStd;
    this.params = {
      W1: Tensor.randn([filterNum, channels, filterSize, filterSize], rng, std),
      b1: Tensor.zeros([filterNum]),
      W2: Tensor.randn([poolOutputSize, hiddenSize], rng, std),
      b2: Tensor.zeros([hiddenSize]),
      W3: Tensor.randn([hiddenSize, outputSize], rng, std),
      b3: Tensor.zeros([outputSize]),
    };
    // The layers hold the very tensors in params, so an optimizer's in-place
    // update of params is what the next forward pass computes with.
    this.#conv = new Convolution(this.params.W1, this.params.b1, stride, pad);
    this.#affine1 = new Affine(this.params.W2, this.params.b2);
    this.#affine2 = new Affine(this.params.W3, this.params.b3);
    this.#layers = [
      this.#conv,
      new Relu(),
      new Pooling(2, 2, 2),
      this.#affine1,
      new Relu(),
      this.#affine2,
    ];
  }

  /** The scores (before softmax) for images `x` `[N, C, H, W]`: `[N, outputSize]`. */
  predict(x: Tensor): Tensor {
    for (const layer of this.#layers) x = layer.forward(x);
    return x;
  }

  /** The mean cross-entropy loss for `x` and targets `t` (labels `[N]` or one-hot). */
  loss(x: Tensor, t: Tensor): number {
    return this.#lastLayer.forward(this.predict(x), t);
  }

  /**
   * The share of images of `x` whose highest score is at the target class,
   * predicted `batchSize` images at a time to bound the memory im2col needs.
   */
  accuracy(x: Tensor, t: Tensor, batchSize = 100): number {
    const labels = t.ndim === 1 ? t : t.argmax(1);
    const n = x.shape[0];
    let correct = 0;
    // The last batch may be smaller: every image counts, unlike the book's
    // loop, which skips the remainder but still divides by all of them.
    for (let start = 0; start < n; start += batchSize) {
      const tx = x.slice([start, start + batchSize]);
      const tt = labels.slice([start, start + batchSize]);
      const y = this.predict(tx).argmax(1);
      correct += y.eq(tt).sum();
    }
    return correct / n;
  }

  /** The gradients of the loss for `x` and `t` by backpropagation, one per parameter. */
  gradient(x: Tensor, t: Tensor): ConvNetParams {
    this.loss(x, t);
    let dout = this.#lastLayer.backward(1);
    for (const layer of this.#layers.toReversed()) dout = layer.backward(dout);
    return {
      W1: this.#conv.dW!,
      b1: this.#conv.db!,
      W2: this.#affine1.dW!,
      b2: this.#affine1.db!,
      W3: this.#affine2.dW!,
      b3: this.#affine2.db!,
    };
  }
}
