/**
 * `deno task figure:activations`: histograms of the activations of a
 * 5-layer network of 100 units per layer fed 1,000 random inputs (book
 * 6.2.2), its weights drawn by your `initWeight` with a standard deviation
 * of 1, of 0.01 and of Xavier (sigmoid units), and of He (ReLU units), each
 * layer's activations computed with your `sigmoid` and `relu`; with
 * `--solution`, the worked answers. Run under lib/tools/train_report.ts,
 * which draws the figure and writes it under .katas/reports/.
 *
 * @module
 */

import { runOnKatas } from "../../lib/not_implemented.ts";
import { Rng } from "../../lib/random.ts";
import { Tensor } from "../../lib/tensor.ts";
import { reportEvents } from "../../lib/tools/report_events.ts";

const SAMPLES = 1000;
const UNITS = 100;
const LAYERS = 5;
const BINS = 30;

/** What the figure asks of the weight_init and activation_functions katas. */
interface Katas {
  initWeight(
    shape: number[],
    scheme: "xavier" | "he" | number,
    rng: Rng,
  ): Tensor;
  sigmoid(x: Tensor): Tensor;
  relu(x: Tensor): Tensor;
}

/** The settings drawn, as in the book's figures 6-10 to 6-14. */
const SETTINGS = [
  {
    heading: "Sigmoid, standard deviation 1",
    scheme: 1,
    activation: "sigmoid",
    note: "The activations pile up at 0 and 1, where the sigmoid is flat: " +
      "its gradient vanishes.",
  },
  {
    heading: "Sigmoid, standard deviation 0.01",
    scheme: 0.01,
    activation: "sigmoid",
    note: "All near 0.5: every unit says the same thing, so a hundred of " +
      "them are worth one.",
  },
  {
    heading: "Sigmoid, Xavier (1/√n)",
    scheme: "xavier",
    activation: "sigmoid",
    note: "Spread out in every layer: the units differ, and learn.",
  },
  {
    heading: "ReLU, He (√(2/n))",
    scheme: "he",
    activation: "relu",
    note: "Half of each layer is 0 (off the chart's top); the rest keeps " +
      "the same spread from layer to layer.",
  },
] as const;

/** Counts of `values` in BINS equal bins over [0, 1) (1 in the last). */
function histogram(values: Float64Array): number[] {
  const counts = new Array(BINS).fill(0);
  for (const v of values) {
    if (v >= 0 && v <= 1) counts[Math.min(Math.floor(v * BINS), BINS - 1)]++;
  }
  return counts;
}

function draw(katas: Katas, whose: string): void {
  const charts = SETTINGS.map(({ heading, scheme, activation, note }) => {
    const rng = new Rng(0);
    let x = Tensor.randn([SAMPLES, UNITS], rng);
    const rows = [];
    for (let layer = 1; layer <= LAYERS; layer++) {
      const w = katas.initWeight([UNITS, UNITS], scheme, rng);
      x = katas[activation](x.matmul(w));
      const counts = histogram(x.data);
      for (let b = 0; b < BINS; b++) {
        rows.push({
          layer: `layer ${layer}`,
          from: b / BINS,
          to: (b + 1) / BINS,
          count: counts[b],
        });
      }
    }
    return {
      heading,
      note,
      spec: {
        data: { values: rows },
        facet: { column: { field: "layer", type: "nominal", title: null } },
        spec: {
          width: 140,
          height: 110,
          mark: { type: "bar", color: "#4c78a8", clip: true },
          encoding: {
            x: {
              field: "from",
              type: "quantitative",
              bin: { binned: true, step: 1 / BINS },
              title: "activation",
              scale: { domain: [0, 1] },
            },
            x2: { field: "to" },
            y: {
              field: "count",
              type: "quantitative",
              title: "units × inputs",
              scale: { domain: [0, SAMPLES * UNITS / 4] },
            },
          },
        },
        resolve: { scale: { y: "shared" } },
      },
    };
  });
  reportEvents(Deno.args).figure("activations", {
    title: `Activations of a 5-layer network under four weight scales, ` +
      `with ${whose}`,
    summary: `${SAMPLES.toLocaleString("en-US")} random inputs of ${UNITS}, ` +
      `${LAYERS} layers of ${UNITS} units without biases; each panel counts ` +
      `one layer's ${(SAMPLES * UNITS).toLocaleString("en-US")} ` +
      `activations in ${BINS} bins over [0, 1], to a quarter of them.`,
    charts,
  });
  console.log(`Drew ${charts.length} histograms of ${LAYERS} layers.`);
}

await runOnKatas("deno task figure:activations:solution", {
  yours: async (whose) =>
    draw({
      ...await import("./weight_init.ts"),
      ...await import("../activation_functions/activations.ts"),
    }, whose),
  solutions: async (whose) =>
    draw({
      ...await import("../../solutions/weight_init/weight_init.ts"),
      ...await import("../../solutions/activation_functions/activations.ts"),
    }, whose),
});
