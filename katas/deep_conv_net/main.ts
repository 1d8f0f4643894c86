/**
 * `deno task train:deep`: trains your DeepConvNet (book 8.1) on the 8,000
 * MNIST training digits with your Adam, printing one line per epoch (the
 * training loss, the accuracy on the 2,000 held-out digits, the seconds it
 * took). With `--solution` (`deno task train:deep:solution`) it runs the
 * worked answers from solutions/ instead; `--epochs=N` changes the number of
 * epochs (10 by default, about two minutes each).
 *
 * @module
 */

import { loadMnist } from "../../lib/data/mnist.ts";
import { Rng } from "../../lib/random.ts";
import type { Tensor } from "../../lib/tensor.ts";
import type { Optimizer, Params } from "../../lib/layer.ts";
import { runOnKatas } from "../../lib/not_implemented.ts";

const epochsArg = Deno.args.find((a) => a.startsWith("--epochs="));
const EPOCHS = epochsArg ? Number(epochsArg.slice("--epochs=".length)) : 10;
if (!Number.isInteger(EPOCHS) || EPOCHS < 1) {
  console.error(
    `--epochs needs a whole number of at least 1, got ${epochsArg}`,
  );
  Deno.exit(2);
}
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

/** What this script asks of a DeepConvNet, the learner's or the worked one. */
interface ConvNet {
  params: Params;
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
  for (let epoch = 1; epoch <= EPOCHS; epoch++) {
    const epochStart = performance.now();
    if (epoch === SLOW_FROM_EPOCH) optimizer = new Adam(SLOW_RATE);
    const order = rng.permutation(trainSize);
    for (let b = 0; b < batchesPerEpoch; b++) {
      const batch = order.slice(b * BATCH_SIZE, (b + 1) * BATCH_SIZE);
      const x = data.xTrain.rows(batch);
      const t = data.tTrain.rows(batch);
      optimizer.update(net.params, net.gradient(x, t));
    }
    // The mean inference-mode loss over the first training digits, 100 at a
    // time.
    let loss = 0;
    for (let from = 0; from < LOSS_SAMPLE; from += 100) {
      const rows = range(from, from + 100);
      loss += net.loss(data.xTrain.rows(rows), data.tTrain.rows(rows)) / 10;
    }
    accuracy = net.accuracy(data.xTest, data.tTest);
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
