import { Tensor } from "../../lib/tensor.ts";
import type { Params } from "../../lib/layer.ts";
import type { Rng } from "../../lib/random.ts";
import { EmbeddingDot } from "../embedding_dot/embedding_dot.ts";
import { SigmoidWithLoss } from "../sigmoid_with_loss/sigmoid_with_loss.ts";

/** Draws negative examples from the unigram distribution raised to a power (second book, 4.2.6). */
export class UnigramSampler {
  /** The probability of each word id, `count ** power` normalised: shape `[V]`. */
  readonly wordP: Tensor;
  readonly #sampleSize: number;
  readonly #rng: Rng;

  /** Counts the words of `corpus` (ids 0 to V-1); draws `sampleSize` negatives per target from `rng`. */
  constructor(
    corpus: readonly number[],
    power: number,
    sampleSize: number,
    rng: Rng,
  ) {
    const vocabSize = corpus.reduce((max, id) => Math.max(max, id), 0) + 1;
    // The target itself is never drawn, so at most V - 1 others exist.
    if (
      !(Number.isInteger(sampleSize) && sampleSize >= 1 &&
        sampleSize < vocabSize)
    ) {
      throw new Error(
        `UnigramSampler: sampleSize must be a whole number from 1 to below the vocabulary size ${vocabSize}, got ${sampleSize}`,
      );
    }
    // np.add.at on a vector: one count per occurrence of each id.
    const counts = Tensor.zeros([vocabSize]).addRowsInPlace(corpus, 1);
    const p = counts.pow(power);
    this.wordP = p.div(p.sum() as number);
    this.#sampleSize = sampleSize;
    this.#rng = rng;
  }

  /** For each target, `sampleSize` different word ids other than it: shape `[N][sampleSize]`. */
  getNegativeSample(target: readonly number[]): number[][] {
    const vocabSize = this.wordP.size;
    return target.map((id) => {
      if (!(Number.isInteger(id) && id >= 0 && id < vocabSize)) {
        throw new Error(
          `UnigramSampler.getNegativeSample: target ${id} is not a word id (0 to below ${vocabSize})`,
        );
      }
      // The right word must not come back as a wrong one.
      const p = this.wordP.clone().setInPlace([id], 0);
      return this.#rng.choice(vocabSize, this.#sampleSize, {
        replace: false,
        p: p.div(p.sum() as number).data,
      });
    });
  }
}

/** The negative-sampling loss (second book, 4.2.7): the right word against a few wrong ones. */
export class NegativeSamplingLoss {
  /** The parameters by name: `W`, the very tensor given. */
  readonly params: Params;
  /** Their gradients by name: `W`, written in place by every backward. */
  readonly grads: Params;
  /** Where the negatives come from. */
  readonly sampler: UnigramSampler;
  /** One pair per column: the right word first, then each negative. */
  readonly #embedDots: EmbeddingDot[];
  readonly #losses: SigmoidWithLoss[];
  readonly #sampleSize: number;

  /** Scores with the rows of `W`; draws `sampleSize` negatives per target from `corpus`'s unigrams. */
  constructor(
    W: Tensor,
    corpus: readonly number[],
    rng: Rng,
    power = 0.75,
    sampleSize = 5,
  ) {
    this.sampler = new UnigramSampler(corpus, power, sampleSize, rng);
    this.#embedDots = Array.from(
      { length: sampleSize + 1 },
      () => new EmbeddingDot(W),
    );
    this.#losses = Array.from(
      { length: sampleSize + 1 },
      () => new SigmoidWithLoss(),
    );
    this.#sampleSize = sampleSize;
    this.params = { W };
    this.grads = { W: Tensor.zeros(W.shape) };
  }

  /** The loss of `h` scored against each target (label 1) and its negatives (label 0). */
  forward(h: Tensor, target: readonly number[]): number {
    const negatives = this.sampler.getNegativeSample(target);
    // Column k of the negatives: the k-th wrong word of every sample.
    const columns = [
      target,
      ...Array.from(
        { length: this.#sampleSize },
        (_, k) => negatives.map((row) => row[k]),
      ),
    ];
    let loss = 0;
    columns.forEach((ids, k) => {
      const score = this.#embedDots[k].forward(h, ids);
      const label = Tensor.full([ids.length], k === 0 ? 1 : 0);
      loss += this.#losses[k].forward(score, label);
    });
    return loss;
  }

  /** Writes dW into `grads.W` in place; returns dh. */
  backward(dout = 1): Tensor {
    const dhs = this.#losses.map((lossLayer, k) =>
      this.#embedDots[k].backward(lossLayer.backward(dout))
    );
    // Every pair read the same W, so its gradient is the sum of theirs (the
    // book's trainer adds up such duplicates before its optimizer runs).
    this.grads.W.assignInPlace(0);
    for (const layer of this.#embedDots) {
      this.grads.W.addInPlace(layer.grads.W);
    }
    return dhs.reduce((sum, dh) => sum.add(dh));
  }
}
