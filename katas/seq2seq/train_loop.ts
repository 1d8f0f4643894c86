/**
 * The training loop that `deno task train:seq2seq` and `train:attention`
 * share: shuffled batches through forward, backward, gradient clipping and
 * the optimizer, and after each epoch the share of held-out questions the
 * model answers exactly, printed as one line and kept for the report.
 *
 * @module
 */

import type { Rng } from "../../lib/random.ts";
import type { Optimizer, Params } from "../../lib/layer.ts";
import type { ReportEvents } from "../../lib/tools/report_events.ts";
import type { LinePoint } from "../../lib/tools/report.ts";

/** What the loop asks of a seq2seq model, plain, peeky or with attention. */
export interface Seq2seqModel {
  params: Params;
  grads: Params;
  forward(xs: number[][], ts: number[][]): number;
  backward(dout?: number): void;
  generate(xs: number[][], startId: number, sampleSize: number): number[][];
}

/** How a training run goes and on what. */
export interface TrainLoop {
  model: Seq2seqModel;
  optimizer: Optimizer;
  clipGrads: (grads: Params, maxNorm: number) => void;
  maxGrad: number;
  trainXs: number[][];
  trainTs: number[][];
  heldOutXs: number[][];
  heldOutTs: number[][];
  batchSize: number;
  epochs: number;
  /** Shuffles the training questions at each epoch. */
  order: Rng;
  /** The start symbol the decoder's generation begins from. */
  startId: number;
  /** An answer's ids as the text two answers are compared by. */
  decode: (ids: number[]) => string;
  events: ReportEvents;
}

/** The share of `xs` whose generated answer is exactly `ts` (without its start). */
export function heldOutAccuracy(
  { model, batchSize, startId, decode }: TrainLoop,
  xs: number[][],
  ts: number[][],
): number {
  let right = 0;
  for (let i = 0; i < xs.length; i += batchSize) {
    const answers = ts.slice(i, i + batchSize);
    const guesses = model.generate(
      xs.slice(i, i + batchSize),
      startId,
      answers[0].length - 1,
    );
    guesses.forEach((guess, n) => {
      if (decode(guess) === decode(answers[n].slice(1))) right++;
    });
  }
  return right / xs.length;
}

/**
 * Trains for `epochs`, printing a line per epoch; returns the mean training
 * loss and the held-out accuracy (in %) per epoch, and the last accuracy.
 */
export function trainEpochs(run: TrainLoop): {
  losses: LinePoint[];
  accuracies: LinePoint[];
  heldOut: number;
} {
  const { model, optimizer, trainXs, trainTs, batchSize, epochs } = run;
  const start = performance.now();
  let heldOut = 0;
  const losses: LinePoint[] = [];
  const accuracies: LinePoint[] = [];
  const batchesPerEpoch = Math.floor(trainXs.length / batchSize);
  for (let epoch = 1; epoch <= epochs; epoch++) {
    const perm = run.order.permutation(trainXs.length);
    let total = 0;
    let count = 0;
    for (let i = 0; i + batchSize <= trainXs.length; i += batchSize) {
      const batch = perm.slice(i, i + batchSize);
      total += model.forward(
        batch.map((k) => trainXs[k]),
        batch.map((k) => trainTs[k]),
      );
      model.backward();
      run.clipGrads(model.grads, run.maxGrad);
      optimizer.update(model.params, model.grads);
      count++;
      run.events.progress({
        epoch,
        epochs,
        done: ((epoch - 1) * batchesPerEpoch + count) /
          (epochs * batchesPerEpoch),
        loss: total / count,
        testAccuracy: epoch > 1 ? heldOut : undefined,
      });
    }
    heldOut = heldOutAccuracy(run, run.heldOutXs, run.heldOutTs);
    losses.push({ x: epoch, y: total / count, series: "training" });
    accuracies.push({ x: epoch, y: 100 * heldOut, series: "held out" });
    console.log(
      `epoch ${epoch}/${epochs}  training loss ${
        (total / count).toFixed(3)
      }  held-out accuracy ${(100 * heldOut).toFixed(1)} %  ${
        ((performance.now() - start) / 1000).toFixed(1)
      } s`,
    );
  }
  return { losses, accuracies, heldOut };
}
