import { shapeToString, Tensor } from "../../lib/tensor.ts";

/**
 * Added to the variance inside the square root, so that a feature that is
 * constant over the batch (variance 0) is divided by a small number, not 0.
 */
const EPS = 1e-7;

/** The Batch Normalization layer (book 6.3). */
export class BatchNormalization {
  /** The scale, one per feature; shared with the caller, not copied. */
  gamma: Tensor;
  /** The shift, one per feature; shared with the caller, not copied. */
  beta: Tensor;
  /** How much of the old running statistics each training batch keeps. */
  momentum: number;
  /** The running mean used at inference; zeros on first use if not given. */
  runningMean: Tensor | undefined;
  /** The running variance used at inference; zeros on first use if not given. */
  runningVar: Tensor | undefined;
  /** The gradient of gamma from the last backward. */
  dgamma: Tensor | undefined;
  /** The gradient of beta from the last backward. */
  dbeta: Tensor | undefined;

  /** What backward needs from the last training forward. */
  #cache:
    | { shape: readonly number[]; xc: Tensor; xn: Tensor; std: Tensor }
    | undefined;

  /** Keeps `gamma` and `beta` by reference, like every layer's parameters. */
  constructor(
    gamma: Tensor,
    beta: Tensor,
    momentum = 0.9,
    runningMean?: Tensor,
    runningVar?: Tensor,
  ) {
    this.gamma = gamma;
    this.beta = beta;
    this.momentum = momentum;
    this.runningMean = runningMean;
    this.runningVar = runningVar;
  }

  /**
   * Normalises each feature over the batch (train) or with the running
   * statistics (inference), then scales by gamma and shifts by beta.
   */
  forward(x: Tensor, train = true): Tensor {
    // Images [N, C, H, W] are normalised per sample as one long row, as in
    // the book.
    const x2 = x.ndim === 2 ? x : x.reshape(x.shape[0], -1);
    const d = x2.shape[1];
    // A single feature would broadcast over gamma without complaint.
    if (d !== this.gamma.size) {
      throw new Error(
        `BatchNormalization.forward: x of shape ${
          shapeToString(x.shape)
        } has ${d} features per sample, but gamma has ${this.gamma.size}`,
      );
    }
    this.runningMean ??= Tensor.zeros([d]);
    this.runningVar ??= Tensor.zeros([d]);

    let xn: Tensor;
    if (train) {
      const mu = x2.mean(0);
      const xc = x2.sub(mu);
      const variance = xc.pow(2).mean(0);
      const std = variance.add(EPS).sqrt();
      xn = xc.div(std);
      this.#cache = { shape: x.shape, xc, xn, std };
      const m = this.momentum;
      this.runningMean = this.runningMean.mul(m).add(mu.mul(1 - m));
      this.runningVar = this.runningVar.mul(m).add(variance.mul(1 - m));
    } else {
      const xc = x2.sub(this.runningMean);
      xn = xc.div(this.runningVar.add(EPS).sqrt());
      this.#cache = undefined;
    }
    return this.gamma.mul(xn).add(this.beta).reshape(...x.shape);
  }

  /**
   * Back-propagates through the training forward: the computational graph
   * of the book's figure 6-17, node by node from the output back.
   */
  backward(dout: Tensor): Tensor {
    if (this.#cache === undefined) {
      throw new Error(
        "BatchNormalization.backward needs a training-mode forward first: call forward(x) or forward(x, true) before backward",
      );
    }
    const { shape, xc, xn, std } = this.#cache;
    // dout of another shape but the same size would reshape without complaint.
    if (shapeToString(dout.shape) !== shapeToString(shape)) {
      throw new Error(
        `BatchNormalization.backward: dout of shape ${
          shapeToString(dout.shape)
        } is not the shape of the last forward's x, ${shapeToString(shape)}`,
      );
    }
    const n = xc.shape[0];
    const dout2 = dout.reshape(n, -1);

    this.dbeta = dout2.sum(0);
    this.dgamma = xn.mul(dout2).sum(0);
    const dxn = dout2.mul(this.gamma);
    let dxc = dxn.div(std);
    const dstd = dxn.mul(xc).div(std.mul(std)).sum(0).neg();
    const dvar = dstd.mul(0.5).div(std);
    // var = mean(xc²): each xc reaches the loss through the variance too.
    dxc = dxc.add(xc.mul(dvar).mul(2 / n));
    // xc = x - mu: each x reaches the loss through the batch mean too.
    const dmu = dxc.sum(0);
    return dxc.sub(dmu.div(n)).reshape(...shape);
  }
}
