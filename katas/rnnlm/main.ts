/**
 * `deno task train:rnnlm`: trains your LSTM language model (second book 6.4)
 * with your SGD and your clipGrads on a generated corpus of simple sentences
 * (`lib/data/sentences.ts`), by truncated BPTT over blocks of the text, and
 * prints the perplexity per epoch on the training text and on held-out
 * sentences. With `--solution` (`deno task train:rnnlm:solution`) it runs the
 * worked answers from solutions/ instead. Under lib/tools/train_report.ts (as
 * the tasks run it) it also reports its progress and, at the end, a page of
 * the perplexity per epoch.
 *
 * @module
 */

import { entropyPerWord, sentenceCorpus } from "../../lib/data/sentences.ts";
import { Rng } from "../../lib/random.ts";
import { runOnKatas } from "../../lib/not_implemented.ts";
import type { Optimizer, Params } from "../../lib/layer.ts";
import { reportEvents } from "../../lib/tools/report_events.ts";
import { lineChart, type LinePoint } from "../../lib/tools/report.ts";

const TRAIN_SENTENCES = 3000;
const HELD_OUT_SENTENCES = 300;
const WORDVEC = 16;
const HIDDEN = 32;
const BATCH_SIZE = 10;
const TIME_SIZE = 10;
const EPOCHS = 6;
const LEARNING_RATE = 5;
const MAX_GRAD = 0.25;

const events = reportEvents(Deno.args);

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
  const perplexities: LinePoint[] = [];
  const blocksPerEpoch = Math.floor(
    (train.length - 1) / (BATCH_SIZE * TIME_SIZE),
  );
  for (let epoch = 1; epoch <= EPOCHS; epoch++) {
    let total = 0;
    let count = 0;
    for (const { xs, ts } of blocks(train, BATCH_SIZE, TIME_SIZE)) {
      total += model.forward(xs, ts);
      model.backward();
      katas.clipGrads(model.grads, MAX_GRAD);
      optimizer.update(model.params, model.grads);
      count++;
      events.progress({
        epoch,
        epochs: EPOCHS,
        done: ((epoch - 1) * blocksPerEpoch + count) /
          (EPOCHS * blocksPerEpoch),
        loss: total / count,
      });
    }
    model.resetState();
    heldOutPerplexity = perplexity(model, heldOut);
    perplexities.push(
      { x: epoch, y: Math.exp(total / count), series: "training" },
      { x: epoch, y: heldOutPerplexity, series: "held out" },
    );
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
  const best = Math.exp(entropyPerWord());
  events.figure("train-rnnlm", {
    title: `An LSTM language model trained with ${whose} on generated ` +
      `sentences`,
    summary: `Word vectors ${WORDVEC}, hidden ${HIDDEN}; ${TRAIN_SENTENCES} ` +
      `training sentences (${train.length} words, a vocabulary of ${V}), ` +
      `${HELD_OUT_SENTENCES} held out; truncated BPTT over ${BATCH_SIZE} ` +
      `streams in blocks of ${TIME_SIZE} words, SGD with learning rate ` +
      `${LEARNING_RATE}, gradients clipped to a norm of ${MAX_GRAD}, ` +
      `${EPOCHS} epochs.`,
    charts: [{
      heading: "Perplexity",
      note: `The training text's mean over each epoch, the held-out ` +
        `sentences' after it, on a log scale. Uniform guessing scores ${V}; ` +
        `the generator's own entropy allows ${best.toFixed(2)} at best; ` +
        `held out at the end: ${heldOutPerplexity.toFixed(2)}.`,
      spec: lineChart(perplexities, {
        x: "epoch",
        y: "perplexity (log scale)",
        series: "text",
        log: true,
      }),
    }],
  });
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
