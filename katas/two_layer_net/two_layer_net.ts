// deno-lint-ignore-file no-unused-vars
import type { Tensor } from "../../lib/tensor.ts";
import type { Rng } from "../../lib/random.ts";
import { notImplemented } from "../../lib/not_implemented.ts";
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

/** The two-layer network (book 5.7): see README.md beside this file. */
export class TwoLayerNet {
  /** The parameters, shared with the layers: update them in place. */
  params!: TwoLayerParams;

  /** Draws W1 and W2 as `weightInitStd` times normal draws from `rng`; b1 and b2 are zeros. */
  constructor(
    inputSize: number,
    hiddenSize: number,
    outputSize: number,
    rng: Rng,
    weightInitStd = 0.01,
  ) {
    notImplemented("two_layer_net", "TwoLayerNet constructor");
  }

  /** The scores (before softmax) for a batch `x` `[N, inputSize]`: `[N, outputSize]`. */
  predict(x: Tensor): Tensor {
    return notImplemented("two_layer_net", "TwoLayerNet.predict");
  }

  /** The mean cross-entropy loss for `x` and targets `t` (labels `[N]` or one-hot `[N, outputSize]`). */
  loss(x: Tensor, t: Tensor): number {
    return notImplemented("two_layer_net", "TwoLayerNet.loss");
  }

  /** The share of rows of `x` whose highest score is at the target class. */
  accuracy(x: Tensor, t: Tensor): number {
    return notImplemented("two_layer_net", "TwoLayerNet.accuracy");
  }

  /** The gradients of the loss for `x` and `t` by backpropagation, one per parameter. */
  gradient(x: Tensor, t: Tensor): TwoLayerParams {
    return notImplemented("two_layer_net", "TwoLayerNet.gradient");
  }
}
