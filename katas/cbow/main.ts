/**
 * `deno task train:cbow`: trains your CBOW (second book 4.3) with your Adam on
 * a generated corpus of simple sentences (`lib/data/sentences.ts`), printing
 * the loss per epoch, then the nearest words of a few queries by cosine
 * similarity, and last the share of words whose nearest word is of their own
 * category. With `--solution` (`deno task train:cbow:solution`) it runs the
 * worked answers from solutions/ instead.
 *
 * @module
 */

import { CATEGORIES, sentenceCorpus } from "../../lib/data/sentences.ts";
import { Rng } from "../../lib/random.ts";
import { runOnKatas } from "../../lib/not_implemented.ts";
import type { Optimizer, Params } from "../../lib/layer.ts";
import type { Tensor } from "../../lib/tensor.ts";

const SENTENCES = 5000;
const WINDOW = 2;
const HIDDEN = 10;
const BATCH_SIZE = 100;
const EPOCHS = 10;
const LEARNING_RATE = 0.01;
const QUERIES = ["cat", "bread", "teacher", "tram", "river"];

/** What this script needs from the katas: the model and the optimizer. */
interface Katas {
  CBOW: new (
    vocabSize: number,
    hiddenSize: number,
    windowSize: number,
    corpus: readonly number[],
    rng: Rng,
  ) => {
    params: Params;
    grads: Params;
    wordVecs: Tensor;
    forward(contexts: number[][], target: number[]): number;
    backward(dout?: number): void;
  };
  Adam: new (lr?: number) => Optimizer;
}

/** Every word with `window` words on each side, and those words (book 3.3.1). */
function contextsAndTarget(corpus: readonly number[], window: number) {
  const contexts: number[][] = [];
  const target: number[] = [];
  for (let i = window; i < corpus.length - window; i++) {
    target.push(corpus[i]);
    contexts.push([
      ...corpus.slice(i - window, i),
      ...corpus.slice(i + 1, i + 1 + window),
    ]);
  }
  return { contexts, target };
}

/** The cosine similarity of every row of `vectors` with row `id`. */
function similarities(vectors: Tensor, id: number): number[] {
  const norms = vectors.pow(2).sum(1) as Tensor;
  const dots = vectors.matmul(vectors.rows([id]).T);
  return Array.from(
    { length: vectors.shape[0] },
    (_, w) =>
      dots.get(w, 0) /
      (Math.sqrt(norms.get(w) * norms.get(id)) + 1e-8),
  );
}

/** The `k` words most similar to `id`, itself left out, best first. */
function mostSimilar(vectors: Tensor, id: number, k: number) {
  const sims = similarities(vectors, id);
  return sims.map((sim, w) => ({ w, sim }))
    .filter(({ w }) => w !== id)
    .sort((a, b) => b.sim - a.sim)
    .slice(0, k);
}

function train(katas: Katas, whose: string): void {
  const { corpus, idToWord, wordToId } = sentenceCorpus(SENTENCES, new Rng(0));
  const { contexts, target } = contextsAndTarget(corpus, WINDOW);
  const vocabSize = idToWord.length;
  console.log(
    `Training a CBOW (window ${WINDOW}, ${HIDDEN} hidden, 5 negatives) with ` +
      `${whose} on ${SENTENCES} generated sentences: ${corpus.length} words, ` +
      `a vocabulary of ${vocabSize}. Adam, learning rate ${LEARNING_RATE}, ` +
      `batch ${BATCH_SIZE}, ${EPOCHS} epochs.`,
  );
  const rng = new Rng(1);
  const model = new katas.CBOW(vocabSize, HIDDEN, WINDOW, corpus, rng);
  const optimizer = new katas.Adam(LEARNING_RATE);
  const start = performance.now();
  for (let epoch = 1; epoch <= EPOCHS; epoch++) {
    const order = rng.permutation(target.length);
    let total = 0;
    let batches = 0;
    for (let i = 0; i + BATCH_SIZE <= order.length; i += BATCH_SIZE) {
      const batch = order.slice(i, i + BATCH_SIZE);
      total += model.forward(
        batch.map((j) => contexts[j]),
        batch.map((j) => target[j]),
      );
      model.backward();
      optimizer.update(model.params, model.grads);
      batches++;
    }
    console.log(
      `epoch ${String(epoch).padStart(2)}/${EPOCHS}  loss ${
        (total / batches).toFixed(4)
      }  ${((performance.now() - start) / 1000).toFixed(1)} s`,
    );
  }
  const vectors = model.wordVecs;
  for (const query of QUERIES) {
    const nearest = mostSimilar(vectors, wordToId.get(query)!, 5)
      .map(({ w, sim }) => `${idToWord[w]} ${sim.toFixed(2)}`);
    console.log(`nearest to ${query.padEnd(8)} ${nearest.join(", ")}`);
  }
  const categoryOf = new Map(
    Object.entries(CATEGORIES).flatMap(([c, words]) =>
      words.map((word) => [word, c])
    ),
  );
  const words = [...categoryOf.keys()];
  const right = words.filter((word) => {
    const [best] = mostSimilar(vectors, wordToId.get(word)!, 1);
    return categoryOf.get(idToWord[best.w]) === categoryOf.get(word);
  });
  console.log(
    `Nearest word of the same category for ${right.length} of ` +
      `${words.length} content words (${
        (100 * right.length / words.length).toFixed(1)
      } %).`,
  );
}

await runOnKatas("deno task train:cbow:solution", {
  yours: async (whose) =>
    train({
      ...(await import("./cbow.ts")),
      ...(await import("../adam/adam.ts")),
    }, whose),
  solutions: async (whose) =>
    train(
      {
        ...(await import("../../solutions/cbow/cbow.ts")),
        ...(await import("../../solutions/adam/adam.ts")),
      },
      whose,
    ),
});
