/**
 * `deno task figure:spiral`: the decision boundary of a two-layer network
 * (your TwoLayerNet, trained by your `trainNetwork`) on three spiral arms:
 * the class it gives every point of the plane, under the 300 training
 * points. With `--solution`, the worked answers. Run under
 * lib/tools/train_report.ts, which draws the figure and writes it under
 * .katas/reports/.
 *
 * @module
 */

import { spiral } from "../../lib/data/spiral.ts";
import { runOnKatas } from "../../lib/not_implemented.ts";
import { Rng } from "../../lib/random.ts";
import { Tensor } from "../../lib/tensor.ts";
import { reportEvents } from "../../lib/tools/report_events.ts";
import type {
  TrainingData,
  TrainingHistory,
  TrainingOptions,
} from "./train.ts";

const HIDDEN = 50;
const ITERATIONS = 4000;
const BATCH = 30;
const LEARNING_RATE = 1;
/** The plane is coloured on a grid of this many cells a side. */
const CELLS = 80;
const EXTENT = 1.2;

/** What the figure asks of the training kata. */
interface Katas<Net extends { predict(x: Tensor): Tensor }> {
  TwoLayerNet: new (
    inputSize: number,
    hiddenSize: number,
    outputSize: number,
    rng: Rng,
    weightInitStd?: number,
  ) => Net;
  trainNetwork(
    net: Net,
    data: TrainingData,
    options: TrainingOptions,
  ): TrainingHistory;
}

function draw<Net extends { predict(x: Tensor): Tensor }>(
  katas: Katas<Net>,
  whose: string,
): void {
  const train = spiral({ pointsPerClass: 100, classes: 3, rng: new Rng(0) });
  const test = spiral({ pointsPerClass: 30, classes: 3, rng: new Rng(1) });
  const net = new katas.TwoLayerNet(2, HIDDEN, 3, new Rng(2), 1);
  const { testAccuracies, trainAccuracies } = katas.trainNetwork(net, {
    xTrain: train.x,
    tTrain: train.t,
    xTest: test.x,
    tTest: test.t,
  }, {
    iterations: ITERATIONS,
    batchSize: BATCH,
    learningRate: LEARNING_RATE,
    rng: new Rng(3),
  });
  const percent = (share = NaN) => `${(100 * share).toFixed(1)}%`;
  console.log(
    `After ${ITERATIONS} iterations: train ${
      percent(trainAccuracies.at(-1))
    }, test ${percent(testAccuracies.at(-1))}.`,
  );
  const step = 2 * EXTENT / CELLS;
  const centres: number[][] = [];
  for (let i = 0; i < CELLS; i++) {
    for (let j = 0; j < CELLS; j++) {
      centres.push([-EXTENT + (j + 0.5) * step, -EXTENT + (i + 0.5) * step]);
    }
  }
  const said = net.predict(Tensor.from(centres)).argmax(1).data;
  const cells = centres.map(([x, y], k) => ({
    x: x - step / 2,
    x2: x + step / 2,
    y: y - step / 2,
    y2: y + step / 2,
    class: `arm ${said[k]}`,
  }));
  const points = Array.from({ length: train.x.shape[0] }, (_, k) => ({
    x: train.x.data[2 * k],
    y: train.x.data[2 * k + 1],
    class: `arm ${train.t.data[k]}`,
  }));
  const axis = (name: "x" | "y") => ({
    field: name,
    type: "quantitative",
    title: name === "x" ? "x₁" : "x₂",
    scale: { domain: [-EXTENT, EXTENT], nice: false },
  });
  const color = {
    field: "class",
    type: "nominal",
    title: "class",
    scale: { range: ["#4c78a8", "#f58518", "#54a24b"] },
  };
  reportEvents(Deno.args).figure("spiral", {
    title: `The decision boundary of a two-layer network on spiral data, ` +
      `with ${whose}`,
    summary: `A 2-${HIDDEN}-3 TwoLayerNet (initial weights of standard ` +
      `deviation 1) trained by SGD, learning rate ${LEARNING_RATE}, batch ` +
      `${BATCH}, ${ITERATIONS} iterations, on 300 points of three arms; ` +
      `held-out accuracy ${percent(testAccuracies.at(-1))} on 90 others.`,
    charts: [{
      heading: "Decision regions",
      note: "Each cell of the plane is coloured by the class the trained " +
        "network gives its centre; the dots are the training points.",
      spec: {
        width: 420,
        height: 420,
        layer: [
          {
            data: { values: cells },
            mark: { type: "rect", opacity: 0.3 },
            encoding: {
              x: axis("x"),
              x2: { field: "x2" },
              y: axis("y"),
              y2: { field: "y2" },
              color,
            },
          },
          {
            data: { values: points },
            mark: { type: "point", filled: true, size: 30 },
            encoding: { x: axis("x"), y: axis("y"), color },
          },
        ],
      },
    }],
  });
}

await runOnKatas("deno task figure:spiral:solution", {
  yours: async (whose) => draw(await import("./train.ts"), whose),
  solutions: async (whose) =>
    draw(await import("../../solutions/training/train.ts"), whose),
});
