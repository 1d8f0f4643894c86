/**
 * `deno task train:deep`: trains your DeepConvNet (book 8.1) on the 8,000
 * MNIST training digits with your Adam, printing one line per epoch (the
 * training loss, the accuracy on the 2,000 held-out digits, the seconds it
 * took). With `--solution` (`deno task train:deep:solution`) it runs the
 * worked answers from solutions/ instead; `--epochs=N` changes the number of
 * epochs (10 by default, about two minutes each). Under
 * lib/tools/train_report.ts (as the tasks run it) it also reports its
 * progress and what it recorded, for the progress bar and the HTML report.
 *
 * @module
 */

import { loadMnist } from "../../lib/data/mnist.ts";
import { Rng } from "../../lib/random.ts";
import type { Tensor } from "../../lib/tensor.ts";
import type { Optimizer, Params } from "../../lib/layer.ts";
import { epochsOption, runOnKatas } from "../../lib/not_implemented.ts";
import { misclassified, reportEvents } from "../../lib/tools/report_events.ts";
import type { Misclassified } from "../../lib/tools/report.ts";

// Smaller than the book's 100: with 8,000 digits instead of 60,000, more
// steps per epoch, and a step of 32 costs less than a third of one of 100.
const BATCH_SIZE = 32;
const LEARNING_RATE = 0.001;
// From this epoch on, a fresh Adam at a fifth of the rate: the steps that
// got the net to about 98 % then make its accuracy swing by several tenths of
// a percent from one epoch to the next; smaller ones let it settle.
const SLOW_FROM_EPOCH = 7;
const SLOW_RATE = 0.0002;
/** The training loss is measured on this many training digits per epoch. */
const LOSS_SAMPLE = 1000;
/** How many misclassified test digits the report shows. */
const WRONG_SHOWN = 40;

const events = reportEvents(Deno.args);

/** What this script asks of a DeepConvNet, the learner's or the worked one. */
interface ConvNet {
  params: Params;
  predict(x: Tensor): Tensor;
  gradient(x: Tensor, t: Tensor): Params;
  loss(x: Tensor, t: Tensor): number;
  accuracy(x: Tensor, t: Tensor): number;
}

/** The classes this script trains with: the net and the optimizer. */
interface Katas {
  DeepConvNet: new (options: { rng: Rng }) => ConvNet;
  Adam: new (lr: number) => Optimizer;
}

/** Trains `DeepConvNet` with `Adam` and reports each epoch. */
async function train(
  { DeepConvNet, Adam }: Katas,
  whose: string,
): Promise<void> {
  // Read here, inside runOnKatas, so a bad value is one sentence.
  const EPOCHS = epochsOption(Deno.args, 10);
  const data = await loadMnist({ flatten: false });
  const trainSize = data.xTrain.shape[0];
  const batchesPerEpoch = Math.floor(trainSize / BATCH_SIZE);
  const range = (from: number, to: number) =>
    Array.from({ length: to - from }, (_, i) => from + i);

  console.log(
    `Training a DeepConvNet (3x3 convolutions 16, 16, pool, 32, 32, pool, ` +
      `64, 64, pool, Affine 50, ReLU, Dropout, Affine 10, Dropout) with ` +
      `${whose} on ${trainSize} MNIST digits (${data.xTest.shape[0]} held ` +
      `out): Adam, learning rate ${LEARNING_RATE} (${SLOW_RATE} from epoch ` +
      `${SLOW_FROM_EPOCH}), batch ${BATCH_SIZE}, ${EPOCHS} epochs.`,
  );

  const percent = (share: number) => `${(100 * share).toFixed(2)}%`;
  const start = performance.now();

  const net = new DeepConvNet({ rng: new Rng(0) });
  let optimizer = new Adam(LEARNING_RATE);
  const rng = new Rng(1);
  let accuracy = 0;
  const losses: number[] = [];
  const testAccuracies: number[] = [];
  let loss: number | undefined;
  for (let epoch = 1; epoch <= EPOCHS; epoch++) {
    const epochStart = performance.now();
    if (epoch === SLOW_FROM_EPOCH) optimizer = new Adam(SLOW_RATE);
    const order = rng.permutation(trainSize);
    for (let b = 0; b < batchesPerEpoch; b++) {
      const batch = order.slice(b * BATCH_SIZE, (b + 1) * BATCH_SIZE);
      const x = data.xTrain.rows(batch);
      const t = data.tTrain.rows(batch);
      optimizer.update(net.params, net.gradient(x, t));
      events.progress({
        epoch,
        epochs: EPOCHS,
        done: ((epoch - 1) * batchesPerEpoch + b + 1) /
          (EPOCHS * batchesPerEpoch),
        loss,
        testAccuracy: testAccuracies.at(-1),
      });
    }
    // The mean inference-mode loss over the first training digits, 100 at a
    // time.
    loss = 0;
    for (let from = 0; from < LOSS_SAMPLE; from += 100) {
      const rows = range(from, from + 100);
      loss += net.loss(data.xTrain.rows(rows), data.tTrain.rows(rows)) / 10;
    }
    accuracy = net.accuracy(data.xTest, data.tTest);
    losses.push(loss);
    testAccuracies.push(accuracy);
    const seconds = (performance.now() - epochStart) / 1000;
    console.log(
      `epoch ${epoch}/${EPOCHS}  loss ${loss.toFixed(4)}  test acc ${
        percent(accuracy)
      }  ${seconds.toFixed(1)} s`,
    );
  }
  const total = (performance.now() - start) / 1000;
  console.log(
    `Held-out accuracy ${percent(accuracy)} on ${data.xTest.shape[0]} test ` +
      `digits after ${EPOCHS} epochs; total time ${total.toFixed(1)} s.`,
  );
  if (!events.enabled) return;
  // Predicted 100 at a time, as accuracy() does, to bound the memory.
  const wrong: Misclassified[] = [];
  for (
    let from = 0;
    from < data.xTest.shape[0] && wrong.length < WRONG_SHOWN;
    from += 100
  ) {
    const rows = range(from, Math.min(from + 100, data.xTest.shape[0]));
    const x = data.xTest.rows(rows);
    wrong.push(
      ...misclassified(
        x,
        data.tTest.rows(rows),
        net.predict(x),
        WRONG_SHOWN - wrong.length,
      ),
    );
  }
  events.record("train-deep", {
    title: `A DeepConvNet trained on MNIST with ${whose}`,
    summary: `${trainSize} training digits, ${data.xTest.shape[0]} held out; ` +
      `3x3 convolutions 16, 16, 32, 32, 64, 64 with a pooling after each ` +
      `pair, Affine 50 and Affine 10 with dropout; Adam, learning rate ` +
      `${LEARNING_RATE} (${SLOW_RATE} from epoch ${SLOW_FROM_EPOCH}), batch ` +
      `${BATCH_SIZE}, ${EPOCHS} epochs (${EPOCHS * batchesPerEpoch} ` +
      `iterations).`,
    losses,
    lossEvery: batchesPerEpoch,
    lossNote: `The loss after each epoch (every ${batchesPerEpoch} ` +
      `iterations), measured without dropout on the first ${LOSS_SAMPLE} ` +
      `training digits, and its trailing mean.`,
    trainAccuracies: [],
    testAccuracies,
    misclassified: wrong,
  });
}

await runOnKatas("deno task train:deep:solution", {
  yours: async (whose) =>
    train({
      ...await import("./deep_conv_net.ts"),
      ...await import("../adam/adam.ts"),
    }, whose),
  solutions: async (whose) =>
    train({
      ...await import("../../solutions/deep_conv_net/deep_conv_net.ts"),
      ...await import("../../solutions/adam/adam.ts"),
    }, whose),
});
