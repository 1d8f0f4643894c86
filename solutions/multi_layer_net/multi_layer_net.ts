import { Tensor } from "../../lib/tensor.ts";
import type { Rng } from "../../lib/random.ts";
import type { Layer, Params } from "../../lib/layer.ts";
import { Relu } from "../relu_layer/relu.ts";
import { Affine } from "../affine_layer/affine.ts";
import { SoftmaxWithLoss } from "../softmax_with_loss/softmax_with_loss.ts";
import { initWeight } from "../weight_init/weight_init.ts";
import { BatchNormalization } from "../batch_norm/batch_norm.ts";
import { Dropout } from "../dropout/dropout.ts";
import {
  addWeightDecay,
  weightDecayLoss,
} from "../weight_decay/weight_decay.ts";

/** What a {@link MultiLayerNet} is built from. */
interface MultiLayerNetOptions {
  /** Features per sample, e.g. 784 for MNIST. */
  inputSize: number;
  /** The width of each hidden layer, first to last; may be empty. */
  hiddenSizes: number[];
  /** Classes, e.g. 10. */
  outputSize: number;
  /** Draws the initial weights and the dropout masks. */
  rng: Rng;
  /** "he" (the default, for ReLU), "xavier", or the std itself. */
  weightInit?: "he" | "xavier" | number;
  /** A Batch Normalization layer between each hidden Affine and its ReLU. */
  useBatchNorm?: boolean;
  /** A Dropout layer after each hidden ReLU; 0 or undefined: none. */
  dropoutRatio?: number;
  /** The weight decay strength lambda; 0 or undefined: none. */
  weightDecayLambda?: number;
}

/**
 * A fully connected net for classification (the book's MultiLayerNetExtend):
 * (Affine, [BatchNorm], ReLU, [Dropout]) per hidden layer, then Affine and
 * Softmax-with-Loss.
 */
export class MultiLayerNet {
  /** W1, b1, [gamma1, beta1], W2, ...: the very tensors the layers use. */
  params: Params = {};
  readonly #layers: Layer[] = [];
  readonly #affines: Affine[] = [];
  readonly #batchNorms: BatchNormalization[] = [];
  readonly #lastLayer = new SoftmaxWithLoss();
  readonly #weightDecayLambda: number;

  /** Initialises the weights and builds the layers around them. */
  constructor(options: MultiLayerNetOptions) {
    const {
      inputSize,
      hiddenSizes,
      outputSize,
      rng,
      weightInit = "he",
      useBatchNorm = false,
      dropoutRatio = 0,
      weightDecayLambda = 0,
    } = options;
    this.#weightDecayLambda = weightDecayLambda;
    const sizes = [inputSize, ...hiddenSizes, outputSize];
    for (let i = 1; i < sizes.length; i++) {
      this.params[`W${i}`] = initWeight(
        [sizes[i - 1], sizes[i]],
        weightInit,
        rng,
      );
      this.params[`b${i}`] = Tensor.zeros([sizes[i]]);
    }

    for (let i = 1; i <= hiddenSizes.length; i++) {
      this.#addAffine(i);
      if (useBatchNorm) {
        this.params[`gamma${i}`] = Tensor.ones([sizes[i]]);
        this.params[`beta${i}`] = Tensor.zeros([sizes[i]]);
        const bn = new BatchNormalization(
          this.params[`gamma${i}`],
          this.params[`beta${i}`],
        );
        this.#batchNorms.push(bn);
        this.#layers.push(bn);
      }
      this.#layers.push(new Relu());
      if (dropoutRatio > 0) this.#layers.push(new Dropout(rng, dropoutRatio));
    }
    // The output layer's scores go straight to the softmax: no BN, no ReLU.
    this.#addAffine(sizes.length - 1);
  }

  #addAffine(i: number): void {
    // The layer gets the params themselves, so that an optimizer updating
    // them in place updates the net.
    const affine = new Affine(this.params[`W${i}`], this.params[`b${i}`]);
    this.#affines.push(affine);
    this.#layers.push(affine);
  }

  /** The scores (before softmax), shape [N, outputSize]. */
  predict(x: Tensor, train = false): Tensor {
    for (const layer of this.#layers) x = layer.forward(x, train);
    return x;
  }

  /** The cross-entropy loss plus the weight decay penalty. */
  loss(x: Tensor, t: Tensor, train = false): number {
    const y = this.predict(x, train);
    return this.#lastLayer.forward(y, t) +
      weightDecayLoss(this.params, this.#weightDecayLambda);
  }

  /** The fraction of samples whose highest score is the target class. */
  accuracy(x: Tensor, t: Tensor): number {
    const predicted = this.predict(x, false).argmax(1);
    const labels = t.ndim === 1 ? t : t.argmax(1);
    return predicted.eq(labels).sum() / x.shape[0];
  }

  /** The gradient of the training-mode loss for every parameter, by name. */
  gradient(x: Tensor, t: Tensor): Params {
    this.loss(x, t, true);

    let dout = this.#lastLayer.backward(1);
    for (const layer of this.#layers.toReversed()) dout = layer.backward(dout);

    // Backward has just set every layer's gradients.
    const grads: Params = {};
    this.#affines.forEach((affine, k) => {
      grads[`W${k + 1}`] = affine.dW!;
      grads[`b${k + 1}`] = affine.db!;
    });
    this.#batchNorms.forEach((bn, k) => {
      grads[`gamma${k + 1}`] = bn.dgamma!;
      grads[`beta${k + 1}`] = bn.dbeta!;
    });
    return addWeightDecay(grads, this.params, this.#weightDecayLambda);
  }
}
