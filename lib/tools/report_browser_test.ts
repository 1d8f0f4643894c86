// The training report and the figures in a real browser, as part of
// `deno test lib/` (and so of the self-check): training reports built from
// made-up numbers (no MNIST, no training) and the figures that need no MNIST,
// drawn by their scripts on the worked answers, are opened in headless
// Chromium by
// host/browser/report_e2e.ts, in a subprocess with the dashboard test's
// config, so that puppeteer-core stays out of the project's lockfile. Every
// chart must have rendered with its axes titled, with no console error; the
// screenshots land in .katas/screenshots/, whose path the test prints.

import { assert } from "../testing/assert.ts";
import { CHROMIUM_CANDIDATES, findChromium } from "./chromium.ts";
import {
  answersChart,
  attentionChart,
  barChart,
  type Figure,
  figurePage,
  lineChart,
  nearestWordsChart,
  trainingReport,
  trialsChart,
} from "./report.ts";
import { Rng } from "../random.ts";
import { EVENTS_FLAG, parseEvent } from "./report_events.ts";
import { sampleRecord } from "./sample_record.ts";

const chromium = await findChromium();
const inCi = Deno.env.get("CI") === "true";
if (!chromium && !inCi) {
  console.log(
    "report browser test skipped: no Chromium (install it: sudo apt-get install chromium, or set CHROMIUM_PATH)",
  );
}

const root = new URL("../../", import.meta.url).pathname;

/**
 * Made-up pages of the tasks that train on generated text, search or time
 * (cbow, rnnlm, search, numerical, attention), built from the chart kinds
 * those tasks use: no MNIST, no training.
 */
function madeUpFigures(): Record<string, Figure> {
  const rng = new Rng(3);
  const epochs = Array.from({ length: 8 }, (_, i) => i + 1);
  const words = ["dog", "cow", "horse", "bread", "cheese", "rice", "bus"];
  return {
    "cbow-report": {
      title: "A made-up CBOW",
      summary: "Numbers invented for the test.",
      charts: [
        {
          heading: "Loss",
          spec: lineChart(
            epochs.map((x) => ({
              x,
              y: 2.5 / Math.sqrt(x),
              series: "training",
            })),
            { x: "epoch", y: "loss", series: "text" },
          ),
        },
        {
          heading: "Nearest words",
          spec: nearestWordsChart(
            ["cat", "bread", "tram"].flatMap((query) =>
              [1, 2, 3, 4, 5].map((rank) => ({
                query,
                rank,
                word: words[rng.int(words.length)],
                similarity: 0.95 - 0.15 * rank,
              }))
            ),
          ),
        },
      ],
    },
    "rnnlm-report": {
      title: "A made-up language model",
      summary: "Numbers invented for the test.",
      charts: [{
        heading: "Perplexity",
        spec: lineChart(
          epochs.flatMap((x) => [
            { x, y: 6 + 60 / x, series: "training" },
            { x, y: 7 + 55 / x, series: "held out" },
          ]),
          {
            x: "epoch",
            y: "perplexity (log scale)",
            series: "text",
            log: true,
          },
        ),
      }],
    },
    "search-report": {
      title: "A made-up search",
      summary: "Numbers invented for the test.",
      charts: [{
        heading: "Trials",
        spec: trialsChart(
          Array.from({ length: 30 }, () => {
            const lr = -6 + 4 * rng.uniform();
            return {
              learningRate: 10 ** lr,
              weightDecay: 10 ** (-8 + 4 * rng.uniform()),
              valAccuracy: Math.min(0.1 + 0.2 * (lr + 6) * rng.uniform(), 0.95),
            };
          }),
          5,
        ),
      }],
    },
    "attention-report": {
      title: "A made-up model with attention",
      summary: "Numbers invented for the test.",
      charts: [
        {
          heading: "Held-out accuracy",
          spec: lineChart(
            [1, 2, 3].map((x) => ({ x, y: 100 - 90 / x, series: "held out" })),
            { x: "epoch", y: "exact answers (%)", series: "data" },
          ),
        },
        {
          heading: "Held-out dates",
          spec: answersChart([
            { question: "3/9/01", answer: "2001-03-09", right: "2001-03-09" },
            {
              question: "MAY 1, 1999",
              answer: "1999-05-11",
              right: "1999-05-01",
            },
          ]),
        },
        {
          heading: "Where the decoder looked",
          spec: attentionChart(
            "may 1, 99",
            "1999-05-01",
            Array.from({ length: 10 }, () => {
              const row = Array.from({ length: 9 }, () => rng.uniform() ** 4);
              const sum = row.reduce((a, b) => a + b);
              return row.map((w) => w / sum);
            }),
          ),
        },
      ],
    },
    "numerical-report": {
      title: "Made-up gradients",
      summary: "Numbers invented for the test.",
      charts: [
        {
          heading: "Loss",
          spec: lineChart(
            [0, ...epochs].map((x) => ({
              x,
              y: 2.3 - 0.1 * x,
              series: "100 digits",
            })),
            { x: "step", y: "loss", series: "measured on" },
          ),
        },
        {
          heading: "One gradient's time",
          spec: barChart([
            { label: "numerical", value: 850 },
            { label: "backpropagation", value: 0.21 },
          ], { label: "gradient", value: "milliseconds", log: true }),
        },
      ],
    },
  };
}

/** The figure page a figure script draws on the worked answers. */
async function figureOf(script: string): Promise<string> {
  const { success, stdout, stderr } = await new Deno.Command(
    Deno.execPath(),
    {
      args: ["run", "--quiet", `${root}${script}`, "--solution", EVENTS_FLAG],
      stdin: "null",
    },
  ).output();
  const decoder = new TextDecoder();
  assert(success, `${script} failed: ${decoder.decode(stderr)}`);
  for (const line of decoder.decode(stdout).split("\n")) {
    const event = parseEvent(line);
    if (event?.kind === "figure") return await figurePage(event.figure);
  }
  throw new Error(`${script} handed over no figure`);
}

Deno.test({
  name:
    "the training reports and the figures in headless Chromium: every chart drawn with titled axes, no console error, nothing fetched",
  ignore: !chromium && !inCi,
  async fn() {
    assert(
      chromium,
      `CI=true but no Chromium at ${
        CHROMIUM_CANDIDATES.join(" or ")
      }: .ci/run installs it with apt-get`,
    );
    const screenshots = `${root}.katas/screenshots`;
    const pages = await Deno.makeTempDir({ prefix: "report-pages-" });
    try {
      const reports = {
        "training-report": sampleRecord({ epochs: 12, iterationsPerEpoch: 60 }),
        "convnet-report": sampleRecord({ epochs: 4, wrong: 12, filters: true }),
      };
      const paths: string[] = [];
      for (const [name, record] of Object.entries(reports)) {
        const path = `${pages}/${name}.html`;
        await Deno.writeTextFile(path, await trainingReport(record));
        paths.push(path);
      }
      for (const [name, figure] of Object.entries(madeUpFigures())) {
        const path = `${pages}/${name}.html`;
        await Deno.writeTextFile(path, await figurePage(figure));
        paths.push(path);
      }
      for (
        const [name, script] of [
          ["optimizer_paths", "katas/adam/optimizer_paths.ts"],
          [
            "activation_histograms",
            "katas/weight_init/activation_histograms.ts",
          ],
          ["spiral_boundary", "katas/training/spiral_boundary.ts"],
        ]
      ) {
        const path = `${pages}/${name}.html`;
        await Deno.writeTextFile(path, await figureOf(script));
        paths.push(path);
      }
      const { code, stdout, stderr } = await new Deno.Command(
        Deno.execPath(),
        {
          args: [
            "run",
            "--allow-all",
            "--config",
            `${root}lib/tools/host/browser/deno.json`,
            `${root}lib/tools/host/browser/report_e2e.ts`,
            chromium,
            screenshots,
            ...paths,
          ],
          env: { NO_COLOR: "1" },
          stdin: "null",
        },
      ).output();
      const output = new TextDecoder().decode(stdout) +
        new TextDecoder().decode(stderr);
      assert(code === 0, `the browser test failed (exit ${code}):\n${output}`);
      console.log(`report screenshots in ${screenshots}/`);
    } finally {
      await Deno.remove(pages, { recursive: true });
    }
  },
});
