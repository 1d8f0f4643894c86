import { shapeToString, Tensor } from "../../lib/tensor.ts";
import type { Rng } from "../../lib/random.ts";
import type { Layer, Params } from "../../lib/layer.ts";
import { Relu } from "../relu_layer/relu.ts";
import { Affine } from "../affine_layer/affine.ts";
import { SoftmaxWithLoss } from "../softmax_with_loss/softmax_with_loss.ts";
import { Convolution } from "../convolution/convolution.ts";
import { Pooling } from "../max_pooling/pooling.ts";
import { Dropout } from "../dropout/dropout.ts";

/** One convolution of a {@link DeepConvNet}. */
export interface ConvParam {
  /** How many filters, hence output channels. */
  filterNum: number;
  /** The filters' height and width. */
  filterSize: number;
  /** Zeros added on each side of the input. */
  pad: number;
  /** How far the window moves each step. */
  stride: number;
}

/** The book's six convolutions: 3x3 filters, 16, 16, 32, 32, 64, 64 of them. */
export const BOOK_CONV_PARAMS: readonly ConvParam[] = [
  { filterNum: 16, filterSize: 3, pad: 1, stride: 1 },
  { filterNum: 16, filterSize: 3, pad: 1, stride: 1 },
  { filterNum: 32, filterSize: 3, pad: 1, stride: 1 },
  { filterNum: 32, filterSize: 3, pad: 2, stride: 1 },
  { filterNum: 64, filterSize: 3, pad: 1, stride: 1 },
  { filterNum: 64, filterSize: 3, pad: 1, stride: 1 },
];

/** The sizes of a {@link DeepConvNet}; every one but `rng` has the book's default. */
export interface DeepConvNetOptions {
  /** One input image: `[channels, height, width]`. Default `[1, 28, 28]`. */
  inputDim?: [number, number, number];
  /** The six convolutions, first to last. Default {@link BOOK_CONV_PARAMS}. */
  convParams?: readonly ConvParam[];
  /** The hidden Affine layer's width. Default 50. */
  hiddenSize?: number;
  /** How many classes. Default 10. */
  outputSize?: number;
  /** The share of values each Dropout layer drops in training. Default 0.5. */
  dropoutRatio?: number;
  /** Where the initial weights, then the dropout masks, come from. */
  rng: Rng;
}

/**
 * The book's deeper CNN (8.1): three blocks of (Convolution, ReLU,
 * Convolution, ReLU, 2x2 max pooling), then Affine, ReLU, Dropout, Affine,
 * Dropout and Softmax-with-Loss.
 */
export class DeepConvNet {
  /** W1..W8 and b1..b8: the very tensors the layers use. */
  params: Params = {};
  readonly #inputDim: [number, number, number];
  /** The six Convolution layers, then the two Affine layers: W1 to W8. */
  readonly #weighted: (Convolution | Affine)[] = [];
  /** Every layer but the loss, in forward order. */
  readonly #layers: Layer[] = [];
  readonly #lastLayer = new SoftmaxWithLoss();

  /** He-scaled normal weights drawn from `rng` in the order W1..W8; zero biases. */
  constructor(options: DeepConvNetOptions) {
    const {
      inputDim = [1, 28, 28],
      convParams = BOOK_CONV_PARAMS,
      hiddenSize = 50,
      outputSize = 10,
      dropoutRatio = 0.5,
      rng,
    } = options;
    if (convParams.length !== 6) {
      throw new Error(
        `DeepConvNet: convParams must list 6 convolutions (3 blocks of 2), got ${convParams.length}`,
      );
    }
    this.#inputDim = inputDim;
    let [channels, height, width] = inputDim;
    convParams.forEach(({ filterNum, filterSize, pad, stride }, i) => {
      // Each output sums a filterSize x filterSize window of every channel.
      const fanIn = channels * filterSize * filterSize;
      const { W, b } = this.#draw(
        i + 1,
        [filterNum, channels, filterSize, filterSize],
        filterNum,
        fanIn,
        rng,
      );
      const conv = new Convolution(W, b, stride, pad);
      this.#weighted.push(conv);
      this.#layers.push(conv, new Relu());
      channels = filterNum;
      height = Math.floor((height + 2 * pad - filterSize) / stride) + 1;
      width = Math.floor((width + 2 * pad - filterSize) / stride) + 1;
      // Every second convolution ends a block with 2x2 pooling at stride 2,
      // which drops an odd last row or column.
      if (i % 2 === 1) {
        this.#layers.push(new Pooling(2, 2, 2));
        height = Math.floor(height / 2);
        width = Math.floor(width / 2);
      }
      if (height < 1 || width < 1) {
        throw new Error(
          `DeepConvNet: images of inputDim ${
            shapeToString(inputDim)
          } are too small: after convolution ${i + 1} (and its pooling, if ` +
            `it ends a block) the size is ${height}x${width}`,
        );
      }
    });
    const pooled = channels * height * width;
    const h = this.#draw(7, [pooled, hiddenSize], hiddenSize, pooled, rng);
    const affine1 = new Affine(h.W, h.b);
    const y = this.#draw(
      8,
      [hiddenSize, outputSize],
      outputSize,
      hiddenSize,
      rng,
    );
    const affine2 = new Affine(y.W, y.b);
    this.#weighted.push(affine1, affine2);
    this.#layers.push(
      affine1,
      new Relu(),
      new Dropout(rng, dropoutRatio),
      affine2,
      new Dropout(rng, dropoutRatio),
    );
  }

  /**
   * Puts into params W<k> of `shape`, drawn with He's std √(2 / fanIn) (book
   * 6.2.3), and b<k> of `biases` zeros; the layer gets these very tensors, so
   * that an optimizer's in-place update is what it computes with.
   */
  #draw(
    k: number,
    shape: number[],
    biases: number,
    fanIn: number,
    rng: Rng,
  ): { W: Tensor; b: Tensor } {
    const W = Tensor.randn(shape, rng, Math.sqrt(2 / fanIn));
    const b = Tensor.zeros([biases]);
    this.params[`W${k}`] = W;
    this.params[`b${k}`] = b;
    return { W, b };
  }

  /** The scores `[N, outputSize]` for images `x` `[N, C, H, W]`; Dropout drops only when `train`. */
  predict(x: Tensor, train = false): Tensor {
    const image = x.shape.slice(1);
    if (shapeToString(image) !== shapeToString(this.#inputDim)) {
      throw new Error(
        `DeepConvNet.predict: x has shape ${
          shapeToString(x.shape)
        }, but the network was built for images of ${
          shapeToString(this.#inputDim)
        }`,
      );
    }
    for (const layer of this.#layers) x = layer.forward(x, train);
    return x;
  }

  /** The mean cross-entropy loss for `x` and targets `t` (labels `[N]` or one-hot). */
  loss(x: Tensor, t: Tensor, train = false): number {
    return this.#lastLayer.forward(this.predict(x, train), t);
  }

  /**
   * The share of images of `x` whose highest score (in inference mode) is at
   * the target class, predicted `batchSize` images at a time to bound the
   * memory im2col needs.
   */
  accuracy(x: Tensor, t: Tensor, batchSize = 100): number {
    const labels = t.ndim === 1 ? t : t.argmax(1);
    const n = x.shape[0];
    let correct = 0;
    for (let start = 0; start < n; start += batchSize) {
      const y = this.predict(x.slice([start, start + batchSize])).argmax(1);
      correct += y.eq(labels.slice([start, start + batchSize])).sum();
    }
    return correct / n;
  }

  /** The gradients of the training-mode loss by backpropagation: W1..W8, b1..b8. */
  gradient(x: Tensor, t: Tensor): Params {
    this.loss(x, t, true);
    let dout = this.#lastLayer.backward(1);
    for (const layer of this.#layers.toReversed()) dout = layer.backward(dout);
    const grads: Params = {};
    this.#weighted.forEach((layer, i) => {
      grads[`W${i + 1}`] = layer.dW!;
      grads[`b${i + 1}`] = layer.db!;
    });
    return grads;
  }
}
