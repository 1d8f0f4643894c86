/**
 * `deno task train:rnnlm`: trains your LSTM language model (second book 6.4)
 * with your SGD and your clipGrads on a generated corpus of simple sentences
 * (`lib/data/sentences.ts`), by truncated BPTT over blocks of the text, and
 * prints the perplexity per epoch on the training text and on held-out
 * sentences. With `--solution` (`deno task train:rnnlm:solution`) it runs the
 * worked answers from solutions/ instead.
 *
 * @module
 */

import { entropyPerWord, sentenceCorpus } from "../../lib/data/sentences.ts";
import { Rng } from "../../lib/random.ts";
import { runOnKatas } from "../../lib/not_implemented.ts";
import type { Optimizer, Params } from "../../lib/layer.ts";

const TRAIN_SENTENCES = 3000;
const HELD_OUT_SENTENCES = 300;
const WORDVEC = 16;
const HIDDEN = 32;
const BATCH_SIZE = 10;
const TIME_SIZE = 10;
const EPOCHS = 6;
const LEARNING_RATE = 5;
const MAX_GRAD = 0.25;

/** What this script needs from the katas: the model, the clipping, the optimizer. */
interface Katas {
  Rnnlm: new (
    vocabSize: number,
    wordvecSize: number,
    hiddenSize: number,
    rng: Rng,
  ) => {
    params: Params;
    grads: Params;
    forward(xs: number[][], ts: number[][]): number;
    backward(dout?: number): void;
    resetState(): void;
  };
  clipGrads: (grads: Params, maxNorm: number) => void;
  SGD: new (lr?: number) => Optimizer;
}

/**
 * The book's batching for truncated BPTT: the text cut into `batchSize`
 * streams at equal distances, each read `timeSize` words at a time, so that
 * block k + 1 of every stream continues block k (and the stateful LSTM's
 * state with it). Yields the inputs and the next words.
 */
function* blocks(
  corpus: readonly number[],
  batchSize: number,
  timeSize: number,
) {
  const xs = corpus.slice(0, -1);
  const ts = corpus.slice(1);
  const jump = Math.floor(xs.length / batchSize);
  const count = Math.floor(xs.length / (batchSize * timeSize));
  for (let k = 0; k < count; k++) {
    const at = (n: number, t: number) =>
      (n * jump + k * timeSize + t) % xs.length;
    const rows = (source: number[]) =>
      Array.from(
        { length: batchSize },
        (_, n) => Array.from({ length: timeSize }, (_, t) => source[at(n, t)]),
      );
    yield { xs: rows(xs), ts: rows(ts) };
  }
}

/** exp(mean loss) over every block of `corpus`, the state carried from block to block. */
function perplexity(model: InstanceType<Katas["Rnnlm"]>, corpus: number[]) {
  model.resetState();
  let total = 0;
  let count = 0;
  for (const { xs, ts } of blocks(corpus, BATCH_SIZE, TIME_SIZE)) {
    total += model.forward(xs, ts);
    count++;
  }
  model.resetState();
  return Math.exp(total / count);
}

function train(katas: Katas, whose: string): void {
  const rng = new Rng(0);
  // One generator run for both, so that both share one vocabulary.
  const all = sentenceCorpus(TRAIN_SENTENCES + HELD_OUT_SENTENCES, rng);
  const sentenceEnds = all.corpus.flatMap((id, i) =>
    all.idToWord[id] === "." ? [i] : []
  );
  const split = sentenceEnds[TRAIN_SENTENCES - 1] + 1;
  const train = all.corpus.slice(0, split);
  const heldOut = all.corpus.slice(split);
  const V = all.idToWord.length;
  console.log(
    `Training an LSTM language model (word vectors ${WORDVEC}, hidden ` +
      `${HIDDEN}) with ${whose} on ${TRAIN_SENTENCES} generated sentences ` +
      `(${train.length} words, a vocabulary of ${V}), by truncated BPTT: ` +
      `${BATCH_SIZE} streams, blocks of ${TIME_SIZE} words, SGD with ` +
      `learning rate ${LEARNING_RATE}, gradients clipped to a norm of ` +
      `${MAX_GRAD}, ${EPOCHS} epochs. A model that knew nothing would score ` +
      `a perplexity of ${V} (every word equally likely); the generator's own ` +
      `entropy allows ${Math.exp(entropyPerWord()).toFixed(2)} at best.`,
  );
  const model = new katas.Rnnlm(V, WORDVEC, HIDDEN, new Rng(1));
  const optimizer = new katas.SGD(LEARNING_RATE);
  const start = performance.now();
  let heldOutPerplexity = V;
  for (let epoch = 1; epoch <= EPOCHS; epoch++) {
    let total = 0;
    let count = 0;
    for (const { xs, ts } of blocks(train, BATCH_SIZE, TIME_SIZE)) {
      total += model.forward(xs, ts);
      model.backward();
      katas.clipGrads(model.grads, MAX_GRAD);
      optimizer.update(model.params, model.grads);
      count++;
    }
    model.resetState();
    heldOutPerplexity = perplexity(model, heldOut);
    console.log(
      `epoch ${epoch}/${EPOCHS}  training perplexity ${
        Math.exp(total / count).toFixed(2)
      }  held-out perplexity ${heldOutPerplexity.toFixed(2)}  ${
        ((performance.now() - start) / 1000).toFixed(1)
      } s`,
    );
  }
  console.log(
    `Held-out perplexity ${heldOutPerplexity.toFixed(2)}: uniform guessing ` +
      `scores ${V}, the generator allows ${
        Math.exp(entropyPerWord()).toFixed(2)
      }.`,
  );
}

await runOnKatas("deno task train:rnnlm:solution", {
  yours: async (whose) =>
    train({
      ...(await import("./rnnlm.ts")),
      ...(await import("../sgd/sgd.ts")),
    }, whose),
  solutions: async (whose) =>
    train(
      {
        ...(await import("../../solutions/rnnlm/rnnlm.ts")),
        ...(await import("../../solutions/sgd/sgd.ts")),
      },
      whose,
    ),
});
