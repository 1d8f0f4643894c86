// deno-lint-ignore-file no-unused-vars
import type { Tensor } from "../../lib/tensor.ts";
import { notImplemented } from "../../lib/not_implemented.ts";

/** The Batch Normalization layer (book 6.3): see README.md beside this file. */
export class BatchNormalization {
  /** The scale, one per feature; the caller's tensor, not a copy. */
  gamma!: Tensor;
  /** The shift, one per feature; the caller's tensor, not a copy. */
  beta!: Tensor;
  /** How much of the old running statistics each training batch keeps. */
  momentum!: number;
  /** The running mean used at inference; zeros on first use if not given. */
  runningMean: Tensor | undefined;
  /** The running variance used at inference; zeros on first use if not given. */
  runningVar: Tensor | undefined;
  /** The gradient of gamma from the last backward. */
  dgamma: Tensor | undefined;
  /** The gradient of beta from the last backward. */
  dbeta: Tensor | undefined;

  /** Keeps `gamma` and `beta` by reference, like every layer's parameters. */
  constructor(
    gamma: Tensor,
    beta: Tensor,
    momentum = 0.9,
    runningMean?: Tensor,
    runningVar?: Tensor,
  ) {
    notImplemented("batch_norm", "new BatchNormalization");
  }

  /**
   * Normalises each feature with the batch statistics (train) or the running
   * statistics (inference), then scales by gamma and shifts by beta.
   */
  forward(x: Tensor, train = true): Tensor {
    return notImplemented("batch_norm", "BatchNormalization.forward");
  }

  /** Returns dx for the last training forward; sets dgamma and dbeta. */
  backward(dout: Tensor): Tensor {
    return notImplemented("batch_norm", "BatchNormalization.backward");
  }
}
