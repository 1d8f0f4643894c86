/**
 * `deno task train:numerical`: trains your NumericalTwoLayerNet (book 4.5) for
 * a few steps on a small MNIST subset, each step's gradient by central
 * differences, then times one gradient of your backpropagating TwoLayerNet
 * (book 5.7) of the same size and prints how many times faster it is. With
 * `--solution` (`deno task train:numerical:solution`) it runs the worked
 * answers from solutions/ instead. Under lib/tools/train_report.ts (as the
 * tasks run it) it also reports its progress and, at the end, a page of the
 * loss per step and the two gradients' times.
 *
 * @module
 */

import { loadMnist } from "../../lib/data/mnist.ts";
import { Rng } from "../../lib/random.ts";
import type { Tensor } from "../../lib/tensor.ts";
import { runOnKatas } from "../../lib/not_implemented.ts";
import { reportEvents } from "../../lib/tools/report_events.ts";
import { barChart, lineChart, type LinePoint } from "../../lib/tools/report.ts";
import type { NumericalNetParams } from "./numerical_net.ts";

// Tiny on purpose: a numerical step evaluates the loss twice per parameter,
// 2 x 7,960 forward passes here, and the book's 784-50-10 net on a batch of
// 100 would take minutes per step.
const HIDDEN = 10;
const BATCH_SIZE = 10;
const STEPS = 8;
const LEARNING_RATE = 1;
const WEIGHT_INIT_STD = 0.1;
const TRAIN_DIGITS = 100;
const TEST_DIGITS = 500;
// Backprop steps are timed over many repetitions: one is too short to time.
const BACKPROP_REPEATS = 200;

const events = reportEvents(Deno.args);

/** Parameters and the calls this script makes on them. */
interface Net {
  params: NumericalNetParams;
  loss(x: Tensor, t: Tensor): number;
  accuracy(x: Tensor, t: Tensor): number;
}

/** What this script needs from the katas: both networks. */
interface Katas {
  NumericalTwoLayerNet: new (
    inputSize: number,
    hiddenSize: number,
    outputSize: number,
    rng: Rng,
    weightInitStd?: number,
  ) => Net & { numericalGradient(x: Tensor, t: Tensor): NumericalNetParams };
  TwoLayerNet: new (
    inputSize: number,
    hiddenSize: number,
    outputSize: number,
    rng: Rng,
    weightInitStd?: number,
  ) => Net & { gradient(x: Tensor, t: Tensor): NumericalNetParams };
}

const NAMES = ["W1", "b1", "W2", "b2"] as const;
const percent = (share: number) => `${(100 * share).toFixed(1)}%`;

function sgdStep(net: Net, grads: NumericalNetParams): void {
  for (const key of NAMES) {
    net.params[key].subInPlace(grads[key].mul(LEARNING_RATE));
  }
}

async function run(katas: Katas, whose: string): Promise<void> {
  const data = await loadMnist();
  const xTrain = data.xTrain.rows([...Array(TRAIN_DIGITS).keys()]);
  const tTrain = data.tTrain.rows([...Array(TRAIN_DIGITS).keys()]);
  const xTest = data.xTest.rows([...Array(TEST_DIGITS).keys()]);
  const tTest = data.tTest.rows([...Array(TEST_DIGITS).keys()]);
  const net = new katas.NumericalTwoLayerNet(
    784,
    HIDDEN,
    10,
    new Rng(0),
    WEIGHT_INIT_STD,
  );
  const parameters = NAMES.reduce((n, key) => n + net.params[key].size, 0);
  console.log(
    `Training a 784-${HIDDEN}-10 NumericalTwoLayerNet with ${whose} on ` +
      `${TRAIN_DIGITS} MNIST digits: ${STEPS} steps of SGD, batch ` +
      `${BATCH_SIZE}, learning rate ${LEARNING_RATE}. Each gradient is ` +
      `${parameters.toLocaleString("en-US")} central differences, ` +
      `${(2 * parameters).toLocaleString("en-US")} forward passes.`,
  );
  const losses: LinePoint[] = [
    { x: 0, y: net.loss(xTrain, tTrain), series: `the ${TRAIN_DIGITS} digits` },
  ];
  console.log(
    `before training: loss on the ${TRAIN_DIGITS} digits ${
      losses[0].y.toFixed(4)
    }, accuracy on ${TEST_DIGITS} held-out digits ${
      percent(net.accuracy(xTest, tTest))
    }`,
  );
  const rng = new Rng(1);
  let numericalMs = 0;
  for (let step = 1; step <= STEPS; step++) {
    const batch = rng.choice(TRAIN_DIGITS, BATCH_SIZE);
    const xBatch = xTrain.rows(batch);
    const tBatch = tTrain.rows(batch);
    const start = performance.now();
    const grads = net.numericalGradient(xBatch, tBatch);
    const ms = performance.now() - start;
    numericalMs += ms;
    sgdStep(net, grads);
    const loss = net.loss(xTrain, tTrain);
    losses.push({ x: step, y: loss, series: losses[0].series });
    events.progress({
      epoch: step,
      epochs: STEPS,
      unit: "step",
      done: step / STEPS,
      loss,
    });
    console.log(
      `step ${step}/${STEPS}  gradient ${(ms / 1000).toFixed(2)} s  loss on ` +
        `the ${TRAIN_DIGITS} digits ${loss.toFixed(4)}`,
    );
  }
  const accuracy = percent(net.accuracy(xTest, tTest));
  console.log(
    `after ${STEPS} steps: accuracy on ${TEST_DIGITS} held-out digits ${accuracy}`,
  );

  const backprop = new katas.TwoLayerNet(
    784,
    HIDDEN,
    10,
    new Rng(0),
    WEIGHT_INIT_STD,
  );
  const xBatch = xTrain.rows([...Array(BATCH_SIZE).keys()]);
  const tBatch = tTrain.rows([...Array(BATCH_SIZE).keys()]);
  // One untimed call, so that compiling the code is not counted as the step.
  backprop.gradient(xBatch, tBatch);
  const start = performance.now();
  for (let i = 0; i < BACKPROP_REPEATS; i++) {
    sgdStep(backprop, backprop.gradient(xBatch, tBatch));
  }
  const backpropMs = (performance.now() - start) / BACKPROP_REPEATS;
  const perStep = numericalMs / STEPS;
  const ratio = Math.round(perStep / backpropMs).toLocaleString("en-US");
  console.log(
    `One gradient of a batch of ${BATCH_SIZE}: numerically ${
      perStep.toFixed(0)
    } ms, by backpropagation (a TwoLayerNet of the same size, book 5.7) ${
      backpropMs.toFixed(3)
    } ms: backpropagation is ${ratio} times faster.`,
  );
  events.figure("train-numerical", {
    title:
      `A NumericalTwoLayerNet trained with ${whose}, and backpropagation ` +
      `timed against it`,
    summary:
      `A 784-${HIDDEN}-10 net (${
        parameters.toLocaleString("en-US")
      } parameters) trained on ${TRAIN_DIGITS} MNIST digits by ${STEPS} steps ` +
      `of SGD, batch ${BATCH_SIZE}, learning rate ${LEARNING_RATE}, each ` +
      `gradient by central differences; accuracy on ${TEST_DIGITS} held-out ` +
      `digits after training ${accuracy}.`,
    charts: [
      {
        heading: "Loss",
        note: `The loss on all ${TRAIN_DIGITS} training digits before ` +
          `training (step 0) and after each step.`,
        spec: lineChart(losses, {
          x: "step",
          y: "loss",
          series: "measured on",
        }),
      },
      {
        heading: "One gradient's time",
        note: `The mean time of one gradient of a batch of ${BATCH_SIZE}, ` +
          `on a log scale: by backpropagation (a TwoLayerNet of the same ` +
          `size, mean of ${BACKPROP_REPEATS}) it is ${ratio} times faster.`,
        spec: barChart([
          { label: "numerical (central differences)", value: perStep },
          { label: "backpropagation", value: backpropMs },
        ], { label: "gradient", value: "milliseconds (log scale)", log: true }),
      },
    ],
  });
}

await runOnKatas("deno task train:numerical:solution", {
  yours: async (whose) =>
    run({
      ...await import("./numerical_net.ts"),
      ...await import("../two_layer_net/two_layer_net.ts"),
    }, whose),
  solutions: async (whose) =>
    run({
      ...await import("../../solutions/numerical_learning/numerical_net.ts"),
      ...await import("../../solutions/two_layer_net/two_layer_net.ts"),
    }, whose),
});
