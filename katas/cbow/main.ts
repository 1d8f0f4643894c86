/**
 * `deno task train:cbow`: trains your CBOW (second book 4.3) with your Adam on
 * a generated corpus of simple sentences (`lib/data/sentences.ts`), printing
 * the loss per epoch, then the nearest words of a few queries by cosine
 * similarity, and last the share of words whose nearest word is of their own
 * category. With `--solution` (`deno task train:cbow:solution`) it runs the
 * worked answers from solutions/ instead. Under lib/tools/train_report.ts (as
 * the tasks run it) it also reports its progress and, at the end, a page of
 * the loss per epoch and the nearest words.
 *
 * @module
 */

import { CATEGORIES, sentenceCorpus } from "../../lib/data/sentences.ts";
import { Rng } from "../../lib/random.ts";
import { runOnKatas } from "../../lib/not_implemented.ts";
import type { Optimizer, Params } from "../../lib/layer.ts";
import type { Tensor } from "../../lib/tensor.ts";
import { reportEvents } from "../../lib/tools/report_events.ts";
import {
  lineChart,
  type LinePoint,
  nearestWordsChart,
  type Neighbour,
} from "../../lib/tools/report.ts";

const SENTENCES = 5000;
const WINDOW = 2;
const HIDDEN = 10;
const BATCH_SIZE = 100;
const EPOCHS = 10;
const LEARNING_RATE = 0.01;
const QUERIES = ["cat", "bread", "teacher", "tram", "river"];
const NEAREST = 5;

const events = reportEvents(Deno.args);

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
  const losses: LinePoint[] = [];
  const batchesPerEpoch = Math.floor(target.length / BATCH_SIZE);
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
      events.progress({
        epoch,
        epochs: EPOCHS,
        done: ((epoch - 1) * batchesPerEpoch + batches) /
          (EPOCHS * batchesPerEpoch),
        loss: losses.at(-1)?.y,
      });
    }
    losses.push({ x: epoch, y: total / batches, series: "training" });
    console.log(
      `epoch ${String(epoch).padStart(2)}/${EPOCHS}  loss ${
        (total / batches).toFixed(4)
      }  ${((performance.now() - start) / 1000).toFixed(1)} s`,
    );
  }
  const vectors = model.wordVecs;
  const neighbours: Neighbour[] = [];
  for (const query of QUERIES) {
    const nearest = mostSimilar(vectors, wordToId.get(query)!, NEAREST);
    nearest.forEach(({ w, sim }, i) =>
      neighbours.push({
        query,
        rank: i + 1,
        word: idToWord[w],
        similarity: sim,
      })
    );
    console.log(
      `nearest to ${query.padEnd(8)} ${
        nearest.map(({ w, sim }) => `${idToWord[w]} ${sim.toFixed(2)}`)
          .join(", ")
      }`,
    );
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
  const share = `${right.length} of ${words.length} content words (${
    (100 * right.length / words.length).toFixed(1)
  } %)`;
  console.log(`Nearest word of the same category for ${share}.`);
  events.figure("train-cbow", {
    title: `A CBOW trained with ${whose} on generated sentences`,
    summary: `Window ${WINDOW}, ${HIDDEN} hidden, 5 negative samples; ` +
      `${SENTENCES} sentences, ${corpus.length} words, a vocabulary of ` +
      `${vocabSize}; Adam, learning rate ${LEARNING_RATE}, batch ` +
      `${BATCH_SIZE}, ${EPOCHS} epochs. The nearest word was of the same ` +
      `category for ${share}.`,
    charts: [
      {
        heading: "Loss",
        note: "The mean minibatch loss (negative sampling) of each epoch.",
        spec: lineChart(losses, { x: "epoch", y: "loss", series: "text" }),
      },
      {
        heading: "Nearest words",
        note: `The ${NEAREST} words whose vectors are nearest to each ` +
          `query's by cosine similarity, nearest first.`,
        spec: nearestWordsChart(neighbours),
      },
    ],
  });
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
