/**
 * `deno task figure:overfitting`: over-fitting on 300 MNIST digits (book
 * 6.4): a MultiLayerNet of six hidden layers of 100 trained by SGD for 200
 * epochs, plainly, with weight decay (λ 0.1) and with dropout (ratio 0.2),
 * its training and held-out accuracy per epoch; all with your katas
 * (multi_layer_net, sgd, and what they use), or with `--solution` the worked
 * answers. Run under lib/tools/train_report.ts, which draws the figure and
 * writes it under .katas/reports/.
 *
 * @module
 */

import { loadMnist } from "../../lib/data/mnist.ts";
import type { Optimizer, Params } from "../../lib/layer.ts";
import { runOnKatas } from "../../lib/not_implemented.ts";
import { Rng } from "../../lib/random.ts";
import type { Tensor } from "../../lib/tensor.ts";
import { reportEvents } from "../../lib/tools/report_events.ts";

const TRAIN = 300;
const EPOCHS = 200;
const BATCH = 100;
const LEARNING_RATE = 0.01;
const SETTINGS = [
  { name: "no regularization", options: {} },
  { name: "weight decay λ 0.1", options: { weightDecayLambda: 0.1 } },
  { name: "dropout 0.2", options: { dropoutRatio: 0.2 } },
] as const;

/** What the figure asks of a MultiLayerNet and an SGD. */
interface Katas {
  MultiLayerNet: new (options: {
    inputSize: number;
    hiddenSizes: number[];
    outputSize: number;
    rng: Rng;
    weightDecayLambda?: number;
    dropoutRatio?: number;
  }) => {
    params: Params;
    gradient(x: Tensor, t: Tensor): Params;
    accuracy(x: Tensor, t: Tensor): number;
  };
  SGD: new (lr: number) => Optimizer;
}

const events = reportEvents(Deno.args);

async function draw(katas: Katas, whose: string): Promise<void> {
  const data = await loadMnist();
  const rows = Array.from({ length: TRAIN }, (_, i) => i);
  const xTrain = data.xTrain.rows(rows);
  const tTrain = data.tTrain.rows(rows);
  const results = [];
  for (const [s, { name, options }] of SETTINGS.entries()) {
    const rng = new Rng(0);
    const net = new katas.MultiLayerNet({
      inputSize: 784,
      hiddenSizes: [100, 100, 100, 100, 100, 100],
      outputSize: 10,
      rng,
      ...options,
    });
    const sgd = new katas.SGD(LEARNING_RATE);
    for (let epoch = 1; epoch <= EPOCHS; epoch++) {
      const order = rng.permutation(TRAIN);
      for (let from = 0; from < TRAIN; from += BATCH) {
        const batch = order.slice(from, from + BATCH);
        const grads = net.gradient(xTrain.rows(batch), tTrain.rows(batch));
        sgd.update(net.params, grads);
      }
      const train = net.accuracy(xTrain, tTrain);
      const test = net.accuracy(data.xTest, data.tTest);
      results.push(
        { setting: name, epoch, accuracy: train, digits: "train" },
        { setting: name, epoch, accuracy: test, digits: "test" },
      );
      events.progress({
        epoch,
        epochs: EPOCHS,
        done: (s + epoch / EPOCHS) / SETTINGS.length,
        trainAccuracy: train,
        testAccuracy: test,
      });
      if (epoch === EPOCHS) {
        console.log(
          `${name.padEnd(20)} after ${EPOCHS} epochs: train ${
            (100 * train).toFixed(1)
          }%, test ${(100 * test).toFixed(1)}%, gap ${
            (100 * (train - test)).toFixed(1)
          } points`,
        );
      }
    }
  }
  events.figure("overfitting", {
    title: `Over-fitting on ${TRAIN} MNIST digits, with ${whose}`,
    summary: `A MultiLayerNet of six hidden layers of 100 (He weights, ` +
      `ReLU) trained by SGD (learning rate ${LEARNING_RATE}, batch ${BATCH}) ` +
      `for ${EPOCHS} epochs on the first ${TRAIN} training digits; test ` +
      `accuracy on the ${data.xTest.shape[0].toLocaleString("en-US")} ` +
      `held-out digits.`,
    charts: [{
      heading: "Accuracy per epoch",
      note: "Without help the network learns its 300 digits by heart and " +
        "the gap to the held-out digits stays wide; weight decay and " +
        "dropout narrow it, dropout at the price of learning much more " +
        "slowly (each step trains another thinned network).",
      spec: {
        data: { values: results },
        facet: {
          column: {
            field: "setting",
            type: "nominal",
            title: null,
            sort: SETTINGS.map((s) => s.name),
          },
        },
        spec: {
          width: 260,
          height: 200,
          mark: { type: "line", strokeWidth: 1.5 },
          encoding: {
            x: { field: "epoch", type: "quantitative", title: "epoch" },
            y: {
              field: "accuracy",
              type: "quantitative",
              title: "accuracy",
              axis: { format: ".0%" },
            },
            color: { field: "digits", type: "nominal", title: "digits" },
          },
        },
      },
    }],
  });
}

await runOnKatas("deno task figure:overfitting:solution", {
  yours: async (whose) =>
    draw({
      ...await import("./multi_layer_net.ts"),
      ...await import("../sgd/sgd.ts"),
    }, whose),
  solutions: async (whose) =>
    draw({
      ...await import("../../solutions/multi_layer_net/multi_layer_net.ts"),
      ...await import("../../solutions/sgd/sgd.ts"),
    }, whose),
});
