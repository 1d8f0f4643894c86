/**
 * `deno task figure:optimizers`: the paths of SGD, Momentum, AdaGrad and
 * Adam (book 6.1.7) down f(x, y) = x²/20 + y² from (-7, 2), 30 steps each,
 * taken by your optimizer katas (or, with `--solution`, the worked answers),
 * drawn over the function's level sets. Run under lib/tools/train_report.ts,
 * which draws the figure and writes it under .katas/reports/.
 *
 * @module
 */

import { runOnKatas } from "../../lib/not_implemented.ts";
import type { Optimizer } from "../../lib/layer.ts";
import { Tensor } from "../../lib/tensor.ts";
import { reportEvents } from "../../lib/tools/report_events.ts";

const START: readonly [number, number] = [-7, 2];
const STEPS = 30;
/** Each optimizer's learning rate, as in the book's figure. */
const RATES = { SGD: 0.95, Momentum: 0.1, AdaGrad: 1.5, Adam: 0.3 } as const;
type Name = keyof typeof RATES;

/** The optimizer classes a figure needs, from katas/ or solutions/. */
type Optimizers = Record<Name, new (lr: number) => Optimizer>;

/** The function's value and gradient. */
const f = (x: number, y: number) => x * x / 20 + y * y;

/** The points an optimizer visits from START, the start among them. */
function path(optimizer: Optimizer): { step: number; x: number; y: number }[] {
  const params = { x: Tensor.from([START[0]]), y: Tensor.from([START[1]]) };
  const points = [{ step: 0, x: START[0], y: START[1] }];
  for (let step = 1; step <= STEPS; step++) {
    const x = params.x.data[0];
    const y = params.y.data[0];
    optimizer.update(params, {
      x: Tensor.from([x / 10]),
      y: Tensor.from([2 * y]),
    });
    points.push({ step, x: params.x.data[0], y: params.y.data[0] });
  }
  return points;
}

/** Points along the level sets f = c, as closed ellipses. */
function levelSets(): { level: number; i: number; x: number; y: number }[] {
  const rows = [];
  for (const level of [0.25, 0.5, 1, 2, 3, 4, 6]) {
    for (let i = 0; i <= 120; i++) {
      const angle = 2 * Math.PI * i / 120;
      rows.push({
        level,
        i,
        x: Math.sqrt(20 * level) * Math.cos(angle),
        y: Math.sqrt(level) * Math.sin(angle),
      });
    }
  }
  return rows;
}

function draw(optimizers: Optimizers, whose: string): void {
  const names = Object.keys(RATES) as Name[];
  const paths = names.map((name) =>
    path(new optimizers[name](RATES[name])).map((p) => ({
      ...p,
      optimizer: `${name} (lr ${RATES[name]})`,
    }))
  );
  for (const points of paths) {
    const last = points.at(-1)!;
    console.log(
      `${last.optimizer.padEnd(20)} after ${STEPS} steps: (${
        last.x.toFixed(3)
      }, ${last.y.toFixed(3)}), f = ${f(last.x, last.y).toFixed(5)}`,
    );
  }
  const domain = { x: [-10, 10], y: [-5, 5] };
  const scale = (axis: "x" | "y") => ({ domain: domain[axis], nice: false });
  const panel = (rows: ReturnType<typeof path>, title: string) => ({
    title,
    width: 300,
    height: 150,
    layer: [
      {
        data: { values: levelSets() },
        mark: { type: "line", color: "#bbb", strokeWidth: 1, clip: true },
        encoding: {
          x: {
            field: "x",
            type: "quantitative",
            title: "x",
            scale: scale("x"),
          },
          y: {
            field: "y",
            type: "quantitative",
            title: "y",
            scale: scale("y"),
          },
          detail: { field: "level" },
          order: { field: "i" },
        },
      },
      {
        data: { values: rows },
        mark: {
          type: "line",
          point: { color: "#d62728" },
          color: "#d62728",
          clip: true,
        },
        encoding: {
          x: { field: "x", type: "quantitative" },
          y: { field: "y", type: "quantitative" },
          order: { field: "step" },
        },
      },
    ],
  });
  reportEvents(Deno.args).figure("optimizers", {
    title: `Optimizer paths on f(x, y) = x²/20 + y² with ${whose}`,
    summary: `${STEPS} steps from (${START.join(", ")}) to the minimum at ` +
      `(0, 0); the grey ellipses are the function's level sets. Learning ` +
      `rates: ${names.map((n) => `${n} ${RATES[n]}`).join(", ")}.`,
    charts: [{
      heading: "Paths",
      note: "SGD zigzags across the steep y direction and crawls along the " +
        "flat x one; momentum rolls past and back; AdaGrad's steps shrink " +
        "in y first; Adam's follow averages of both.",
      spec: {
        columns: 2,
        concat: paths.map((rows) => panel(rows, rows[0].optimizer)),
      },
    }],
  });
}

await runOnKatas("deno task figure:optimizers:solution", {
  yours: async (whose) =>
    draw({
      SGD: (await import("../sgd/sgd.ts")).SGD,
      Momentum: (await import("../momentum/momentum.ts")).Momentum,
      AdaGrad: (await import("../adagrad/adagrad.ts")).AdaGrad,
      Adam: (await import("./adam.ts")).Adam,
    }, whose),
  solutions: async (whose) =>
    draw({
      SGD: (await import("../../solutions/sgd/sgd.ts")).SGD,
      Momentum: (await import("../../solutions/momentum/momentum.ts")).Momentum,
      AdaGrad: (await import("../../solutions/adagrad/adagrad.ts")).AdaGrad,
      Adam: (await import("../../solutions/adam/adam.ts")).Adam,
    }, whose),
});
