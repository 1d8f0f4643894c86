import { shapeToString, Tensor } from "../../lib/tensor.ts";
import { softmax } from "../softmax_cross_entropy/softmax_cross_entropy.ts";

/**
 * The weighted sum of the encoder's hidden states (second book, 8.1.2): the
 * context vector `c = Σ_t a[:, t] · hs[:, t]`.
 */
export class WeightSum {
  /** The last forward's inputs. */
  #cache: { hs: Tensor; a: Tensor } | undefined;

  /** `c` `[N, H]` for `hs` `[N, T, H]` and the weights `a` `[N, T]`. */
  forward(hs: Tensor, a: Tensor): Tensor {
    const [N, T] = hs.shape;
    if (hs.ndim !== 3 || shapeToString(a.shape) !== shapeToString([N, T])) {
      throw new Error(
        `WeightSum.forward: hs must be [N, T, H] and a [N, T], got hs ${
          shapeToString(hs.shape)
        } and a ${shapeToString(a.shape)}`,
      );
    }
    this.#cache = { hs, a };
    return hs.mul(a.reshape(N, T, 1)).sum(1);
  }

  /** The gradients of `hs` `[N, T, H]` and of `a` `[N, T]` for `dc` `[N, H]`. */
  backward(dc: Tensor): { dhs: Tensor; da: Tensor } {
    if (this.#cache === undefined) {
      throw new Error("WeightSum.backward was called before WeightSum.forward");
    }
    const { hs, a } = this.#cache;
    const [N, T, H] = hs.shape;
    if (shapeToString(dc.shape) !== shapeToString([N, H])) {
      throw new Error(
        `WeightSum.backward: dc has shape ${
          shapeToString(dc.shape)
        }, but c was ${shapeToString([N, H])}`,
      );
    }
    // c copied each a[:, t] over H and each dc over the T steps: their
    // backwards are a sum over H and a repetition over T.
    const dcs = dc.reshape(N, 1, H);
    return { dhs: dcs.mul(a.reshape(N, T, 1)), da: dcs.mul(hs).sum(2) };
  }
}

/**
 * The attention weights (second book, 8.1.4): how much each of the
 * encoder's hidden states resembles the decoder's `h`, by dot product, turned
 * into a distribution over the steps by softmax.
 */
export class AttentionWeight {
  /** The last forward's inputs and weights. */
  #cache: { hs: Tensor; h: Tensor; a: Tensor } | undefined;

  /** `a` `[N, T]`, each row summing to 1, for `hs` `[N, T, H]` and `h` `[N, H]`. */
  forward(hs: Tensor, h: Tensor): Tensor {
    const [N, , H] = hs.shape;
    if (hs.ndim !== 3 || shapeToString(h.shape) !== shapeToString([N, H])) {
      throw new Error(
        `AttentionWeight.forward: hs must be [N, T, H] and h [N, H], got hs ${
          shapeToString(hs.shape)
        } and h ${shapeToString(h.shape)}`,
      );
    }
    const a = softmax(hs.mul(h.reshape(N, 1, H)).sum(2));
    this.#cache = { hs, h, a };
    return a;
  }

  /** The gradients of `hs` `[N, T, H]` and of `h` `[N, H]` for `da` `[N, T]`. */
  backward(da: Tensor): { dhs: Tensor; dh: Tensor } {
    if (this.#cache === undefined) {
      throw new Error(
        "AttentionWeight.backward was called before AttentionWeight.forward",
      );
    }
    const { hs, h, a } = this.#cache;
    if (shapeToString(da.shape) !== shapeToString(a.shape)) {
      throw new Error(
        `AttentionWeight.backward: da has shape ${
          shapeToString(da.shape)
        }, but a was ${shapeToString(a.shape)}`,
      );
    }
    const [N, T, H] = hs.shape;
    // Softmax's backward: a · (da - Σ a · da) along each row.
    const ds = a.mul(da.sub(a.mul(da).sum(1, true))).reshape(N, T, 1);
    return {
      dhs: ds.mul(h.reshape(N, 1, H)),
      dh: ds.mul(hs).sum(1),
    };
  }
}

/**
 * The attention layer (second book, 8.1.5): the weights of the encoder's
 * hidden states for the decoder's `h`, and their weighted sum.
 */
export class Attention {
  readonly #weight = new AttentionWeight();
  readonly #sum = new WeightSum();
  /** The weights of the last forward. */
  #a: Tensor | undefined;

  /** The weights `[N, T]` of the last forward, for looking at. */
  get attentionWeight(): Tensor | undefined {
    return this.#a;
  }

  /** The context vector `[N, H]` for `hs` `[N, T, H]` and `h` `[N, H]`. */
  forward(hs: Tensor, h: Tensor): Tensor {
    this.#a = this.#weight.forward(hs, h);
    return this.#sum.forward(hs, this.#a);
  }

  /** The gradients of `hs` (by both roads) and of `h` for `dc` `[N, H]`. */
  backward(dc: Tensor): { dhs: Tensor; dh: Tensor } {
    const { dhs: dhsSum, da } = this.#sum.backward(dc);
    const { dhs: dhsWeight, dh } = this.#weight.backward(da);
    return { dhs: dhsSum.add(dhsWeight), dh };
  }
}
