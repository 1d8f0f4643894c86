/**
 * `deno task train`: trains a 784-50-10 TwoLayerNet on MNIST with your
 * `trainNetwork` and your network (book 5.7.4), printing one line per epoch.
 * With `--solution` (`deno task train:solution`) it runs the worked answers
 * from solutions/ instead.
 *
 * @module
 */

import { loadMnist, type MnistData } from "../../lib/data/mnist.ts";
import { Rng } from "../../lib/random.ts";
import { runOnKatas } from "../../lib/not_implemented.ts";
import type { Tensor } from "../../lib/tensor.ts";
import { misclassified, reportEvents } from "../../lib/tools/report_events.ts";
import type { TrainingHistory, TrainingOptions } from "./train.ts";

const HIDDEN = 50;
const EPOCHS = 50;
const BATCH_SIZE = 100;
const LEARNING_RATE = 0.1;
const WEIGHT_INIT_STD = 0.01;
/** How many misclassified test digits the report shows. */
const WRONG_SHOWN = 40;

const events = reportEvents(Deno.args);

/** What this script needs from a train.ts: the network and the loop. */
interface TrainingKata<Net extends { predict(x: Tensor): Tensor }> {
  TwoLayerNet: new (
    inputSize: number,
    hiddenSize: number,
    outputSize: number,
    rng: Rng,
    weightInitStd?: number,
  ) => Net;
  trainNetwork(
    net: Net,
    data: MnistData,
    options: TrainingOptions,
  ): TrainingHistory;
}

const count = (n: number) => n.toLocaleString("en-US");
const percent = (share: number) => `${(100 * share).toFixed(2)}%`;

async function train<Net extends { predict(x: Tensor): Tensor }>(
  kata: TrainingKata<Net>,
  whose: string,
): Promise<void> {
  const data = await loadMnist();
  const trainSize = data.xTrain.shape[0];
  const testSize = data.xTest.shape[0];
  const iterations = EPOCHS * Math.max(Math.floor(trainSize / BATCH_SIZE), 1);
  console.log(
    `Training a 784-${HIDDEN}-10 TwoLayerNet with ${whose} on ` +
      `${count(trainSize)} MNIST digits (${count(testSize)} held out): SGD, ` +
      `learning rate ${LEARNING_RATE}, batch ${BATCH_SIZE}, ${EPOCHS} epochs ` +
      `(${iterations} iterations).`,
  );
  const start = performance.now();
  const seconds = () => ((performance.now() - start) / 1000).toFixed(1);
  const net = new kata.TwoLayerNet(
    784,
    HIDDEN,
    10,
    new Rng(0),
    WEIGHT_INIT_STD,
  );
  const { losses, trainAccuracies, testAccuracies } = kata.trainNetwork(
    net,
    data,
    {
      iterations,
      batchSize: BATCH_SIZE,
      learningRate: LEARNING_RATE,
      rng: new Rng(1),
      onEpoch: ({ epoch, loss, trainAccuracy, testAccuracy }) => {
        events.progress({
          epoch,
          epochs: EPOCHS,
          done: epoch / EPOCHS,
          loss,
          trainAccuracy,
          testAccuracy,
        });
        console.log(
          `epoch ${String(epoch).padStart(2)}/${EPOCHS}  loss ${
            loss.toFixed(4)
          }  train acc ${percent(trainAccuracy)}  test acc ${
            percent(testAccuracy)
          }  ${seconds()} s`,
        );
      },
    },
  );
  console.log(
    `Held-out accuracy ${percent(testAccuracies.at(-1) ?? NaN)} on ` +
      `${count(testSize)} test digits after ${EPOCHS} epochs; total time ` +
      `${seconds()} s.`,
  );
  events.record("train", {
    title: `A 784-${HIDDEN}-10 TwoLayerNet trained on MNIST with ${whose}`,
    summary: `${count(trainSize)} training digits, ${count(testSize)} held ` +
      `out; SGD, learning rate ${LEARNING_RATE}, batch ${BATCH_SIZE}, ` +
      `${EPOCHS} epochs (${iterations} iterations).`,
    losses,
    lossEvery: 1,
    trainAccuracies,
    testAccuracies,
    misclassified: misclassified(
      data.xTest,
      data.tTest,
      net.predict(data.xTest),
      WRONG_SHOWN,
    ),
  });
}

await runOnKatas("deno task train:solution", {
  yours: async (whose) => train(await import("./train.ts"), whose),
  solutions: async (whose) =>
    train(await import("../../solutions/training/train.ts"), whose),
});
