import {
  assert,
  assertEquals,
  assertStringIncludes,
  assertThrows,
} from "../testing/assert.ts";
import {
  answersChart,
  attentionChart,
  barChart,
  htmlPage,
  lineChart,
  nearestWordsChart,
  pixelGrid,
  smooth,
  trainingCharts,
  trainingReport,
  trialsChart,
  writeReport,
} from "./report.ts";
import { misclassified, parseEvent, reportEvents } from "./report_events.ts";
import { progressLine } from "./train_report.ts";
import { sampleRecord } from "./sample_record.ts";
import { Tensor } from "../tensor.ts";

const count = (text: string, part: string) => text.split(part).length - 1;

Deno.test("smooth averages over the window, fewer values at the start", () => {
  assertEquals(smooth([3, 1, 2, 6, 0], 3), [3, 2, 2, 3, 8 / 3]);
  assertEquals(smooth([], 4), []);
  assertThrows(() => smooth([1], 0), Error, "window");
});

Deno.test("pixelGrid shades each value between the range's ends", () => {
  const svg = pixelGrid([0, 2, 4, 1], 2, 5, [0, 4]);
  assertStringIncludes(svg, 'width="10" height="10" viewBox="0 0 2 2"');
  // The lowest value is paper: no square; the highest is black.
  assertEquals(count(svg, "<rect x="), 3);
  assertStringIncludes(
    svg,
    'x="0" y="1" width="1" height="1" fill="rgb(0,0,0)"',
  );
  assertStringIncludes(
    svg,
    'x="1" y="1" width="1" height="1" fill="rgb(191,191,191)"',
  );
  assertThrows(() => pixelGrid([1, 2, 3], 2, 1), Error, "3 values");
});

Deno.test("htmlPage escapes its text and fetches nothing", () => {
  const page = htmlPage('<b>"x" & y</b>', "<i>", [
    { heading: "<h>", note: "<n>", html: "<svg></svg>" },
  ]);
  assertStringIncludes(
    page,
    "<h1>&lt;b&gt;&quot;x&quot; &amp; y&lt;/b&gt;</h1>",
  );
  assertStringIncludes(page, "<h2>&lt;h&gt;</h2><p>&lt;n&gt;</p><svg></svg>");
  assert(!/\b(src|href)=/.test(page), "the page links to nothing");
});

Deno.test("trainingCharts: raw and smoothed loss by iteration, accuracies by epoch", () => {
  const record = sampleRecord({ epochs: 2, iterationsPerEpoch: 5 });
  record.lossEvery = 3;
  const [loss, accuracy] = trainingCharts(record);
  const lossRows = (loss.data as { values: Record<string, unknown>[] }).values;
  assertEquals(lossRows.length, 20);
  assertEquals(lossRows.slice(0, 2).map((r) => [r.iteration, r.curve]), [
    [3, "raw"],
    [3, "smoothed"],
  ]);
  assertEquals(lossRows.at(-1)?.iteration, 30);
  const accuracyRows = (accuracy.data as { values: Record<string, unknown>[] })
    .values;
  assertEquals(
    accuracyRows.map((r) => `${r.set}${r.epoch}`),
    ["train1", "train2", "test1", "test2"],
  );
});

Deno.test("the training report has its charts, digits and, for a ConvNet, filters", async () => {
  const plain = await trainingReport(sampleRecord({ wrong: 7 }));
  assertEquals(count(plain, 'class="chart"'), 2);
  assertEquals(count(plain, "<svg"), 2 + 7);
  assertEquals(count(plain, "<figcaption>said "), 7);
  assert(!plain.includes("filters"), "no filter section without filters");
  const conv = await trainingReport(sampleRecord({ wrong: 3, filters: true }));
  assertStringIncludes(conv, "First-layer filters before training");
  assertStringIncludes(conv, "First-layer filters after training");
  assertEquals(count(conv, 'class="filter"'), 60);
  for (const title of ["iteration", "loss", "epoch", "accuracy"]) {
    assertStringIncludes(plain, `>${title}</text>`);
  }
});

Deno.test("writeReport writes a timestamped file and refuses odd names", async () => {
  const dir = await Deno.makeTempDir();
  try {
    const path = await writeReport(
      `${dir}/reports`,
      "train",
      "<p>hi</p>",
      new Date("2026-11-30T01:02:03Z"),
    );
    assertEquals(path, `${dir}/reports/train-20261130-010203.html`);
    assertEquals(await Deno.readTextFile(path), "<p>hi</p>");
    await assertRejects(() => writeReport(dir, "../x", ""), "../x");
  } finally {
    await Deno.remove(dir, { recursive: true });
  }
});

async function assertRejects(fn: () => Promise<unknown>, part: string) {
  try {
    await fn();
  } catch (error) {
    assertStringIncludes((error as Error).message, part);
    return;
  }
  throw new Error(`expected a rejection naming ${part}`);
}

Deno.test("events are written only under the wrapper's flag, and read back", () => {
  const lines: string[] = [];
  const quiet = reportEvents([], (line) => lines.push(line));
  quiet.progress({ epoch: 1, epochs: 1, done: 1 });
  assertEquals(lines, []);
  const events = reportEvents(["--report-events"], (line) => lines.push(line));
  const record = sampleRecord({ epochs: 1, iterationsPerEpoch: 2, wrong: 1 });
  events.record("train", record);
  assertEquals(parseEvent(lines[0]), { kind: "record", name: "train", record });
  assertEquals(parseEvent('{"kind":"record"}'), undefined);
});

Deno.test("misclassified keeps the first wrong digits, with one-hot labels too", () => {
  const images = Tensor.from([[0.123, 1], [0, 0], [1, 1]]).reshape(3, 1, 1, 2);
  const scores = Tensor.from([[0, 1], [1, 0], [1, 0]]);
  const wrong = misclassified(
    images,
    Tensor.from([[1, 0], [1, 0], [0, 1]]),
    scores,
    5,
  );
  assertEquals(wrong, [
    { pixels: [0.12, 1], predicted: 1, label: 0 },
    { pixels: [1, 1], predicted: 0, label: 1 },
  ]);
  assertEquals(
    misclassified(images, Tensor.from([0, 0, 1]), scores, 1).length,
    1,
  );
  assertThrows(
    () => misclassified(images, Tensor.from([0, 1]), scores, 1),
    Error,
    "2 labels",
  );
});

Deno.test("the progress line: epoch, bar, figures, time left", () => {
  assertEquals(
    progressLine(
      { epoch: 1, epochs: 3, done: 0.25, loss: 1.5, trainAccuracy: 0.5 },
      90,
      4,
    ),
    "epoch 1/3 [#---]  25%  loss 1.5000  train 50.00%  4m 30s left",
  );
  assertEquals(
    progressLine({ epoch: 1, epochs: 3, done: 0 }, 0, 2),
    "epoch 1/3 [--]   0%  starting",
  );
  assertEquals(
    progressLine({ epoch: 2, epochs: 4, done: 0.5, unit: "trial" }, 10, 2),
    "trial 2/4 [#-]  50%  10s left",
  );
});

const axes = { x: "x", y: "y", series: "s" };

Deno.test("lineChart: one line per series, whole-number ticks for epochs, log scale on demand", () => {
  const points = [
    { x: 1, y: 40, series: "training" },
    { x: 2, y: 9, series: "training" },
    { x: 1, y: 30, series: "held out" },
  ];
  const spec = lineChart(points, {
    x: "epoch",
    y: "perplexity",
    series: "text",
    log: true,
  });
  const encoding = spec.encoding as Record<string, Record<string, unknown>>;
  assertEquals((spec.data as { values: unknown[] }).values, points);
  assertEquals(encoding.x.title, "epoch");
  assertEquals(encoding.x.axis, { tickMinStep: 1, format: "d" });
  assertEquals(encoding.y.title, "perplexity");
  assertEquals(encoding.y.scale, { type: "log" });
  assertEquals(encoding.color.field, "series");
  const linear = lineChart([{ x: 0.5, y: -1, series: "s" }], axes);
  const linearEncoding = linear.encoding as Record<
    string,
    Record<string, unknown>
  >;
  assertEquals(linearEncoding.x.axis, undefined);
  assertEquals(linearEncoding.y.scale, { zero: false });
  assertThrows(
    () => lineChart([{ x: 1, y: 0, series: "s" }], { ...axes, log: true }),
    Error,
    "positive",
  );
  assertThrows(
    () => lineChart([{ x: 1, y: NaN, series: "s" }], axes),
    Error,
    "no finite value",
  );
});

Deno.test("trialsChart ranks the trials and marks the best on log axes", () => {
  const trials = [
    { learningRate: 1e-4, weightDecay: 1e-6, valAccuracy: 0.5 },
    { learningRate: 1e-2, weightDecay: 1e-5, valAccuracy: 0.9 },
    { learningRate: 1e-6, weightDecay: 1e-8, valAccuracy: 0.1 },
  ];
  const spec = trialsChart(trials, 2);
  const rows = (spec.data as {
    values: { rank: number; best: string; learningRate: number }[];
  }).values;
  assertEquals(rows.map((r) => r.rank), [2, 1, 3]);
  assertEquals(rows.map((r) => r.best), ["best 2", "best 2", "other"]);
  assertEquals(rows[0].learningRate, 1e-4);
  const encoding = spec.encoding as Record<string, Record<string, unknown>>;
  assertEquals(encoding.x.scale, { type: "log" });
  assertEquals(encoding.y.scale, { type: "log" });
  assertEquals(encoding.x.title, "learning rate (log scale)");
  assertEquals(encoding.y.title, "weight decay (log scale)");
  const labels = (spec.layer as { transform?: unknown }[])[1].transform;
  assertEquals(labels, [{ filter: "datum.rank <= 2" }]);
  assertThrows(
    () =>
      trialsChart([{ learningRate: 0, weightDecay: 1e-6, valAccuracy: 1 }], 1),
    Error,
    "positive learning rate",
  );
});

Deno.test("nearestWordsChart: a row per query in the given order, a column per rank", () => {
  const spec = nearestWordsChart([
    { query: "tram", rank: 1, word: "bus", similarity: 0.8 },
    { query: "cat", rank: 1, word: "dog", similarity: 0.9 },
    { query: "tram", rank: 2, word: "car", similarity: 0.4 },
  ]);
  const encoding = spec.encoding as Record<string, Record<string, unknown>>;
  assertEquals(encoding.y.sort, ["tram", "cat"]);
  assertEquals(encoding.x.field, "rank");
  assertEquals(encoding.x.title, "nearest words, by rank");
  assertEquals((spec.data as { values: unknown[] }).values.length, 3);
});

Deno.test("barChart keeps the bars' order and puts values on a log scale on demand", () => {
  const bars = [{ label: "slow", value: 800 }, { label: "fast", value: 0.4 }];
  const spec = barChart(bars, { label: "way", value: "ms", log: true });
  const encoding = spec.encoding as Record<string, Record<string, unknown>>;
  assertEquals((spec.data as { values: unknown[] }).values, bars);
  assertEquals(encoding.y.sort, null);
  assertEquals(encoding.y.title, "way");
  assertEquals(encoding.x.title, "ms");
  assertEquals(encoding.x.scale, { type: "log", domainMin: 0.1 });
  assertEquals(encoding.x2, { datum: 0.1 });
  const linear = barChart(bars, { label: "way", value: "ms" });
  assertEquals(
    (linear.encoding as Record<string, Record<string, unknown>>).x.scale,
    undefined,
  );
  assertEquals(
    (linear.encoding as Record<string, Record<string, unknown>>).x2,
    { datum: 0 },
  );
  assertThrows(
    () =>
      barChart([{ label: "none", value: 0 }], {
        label: "way",
        value: "ms",
        log: true,
      }),
    Error,
    "positive",
  );
});

Deno.test("answersChart: three columns per question, the model's answer toned by whether it is exact", () => {
  const spec = answersChart([
    { question: "16+75", answer: "91", right: "91" },
    { question: "2+2", answer: "5", right: "4" },
  ]);
  const cells = (spec.data as {
    values: { row: number; column: string; text: string; tone: string }[];
  }).values;
  assertEquals(cells.map((c) => c.text), [
    "16+75",
    "91",
    "91",
    "2+2",
    "5",
    "4",
  ]);
  assertEquals(cells.map((c) => c.row), [1, 1, 1, 2, 2, 2]);
  assertEquals(cells.map((c) => c.tone), [
    "plain",
    "exact",
    "plain",
    "plain",
    "wrong",
    "plain",
  ]);
  const encoding = spec.encoding as Record<string, Record<string, unknown>>;
  assertEquals(encoding.x.title, "held-out question");
  assertThrows(() => answersChart([]), Error, "no answers");
});

Deno.test("attentionChart: a cell per pair of characters, placed by position and labelled with the characters", () => {
  const spec = attentionChart("a a", "ba", [[0.1, 0.2, 0.7], [0.6, 0.3, 0.1]]);
  const cells = (spec.data as {
    values: { t: number; p: number; weight: number; questionChar: string }[];
  }).values;
  assertEquals(cells.length, 6);
  assertEquals(
    cells[5],
    {
      t: 1,
      p: 2,
      weight: 0.1,
      answerChar: "a",
      questionChar: "a",
    } as unknown as typeof cells[5],
  );
  const encoding = spec.encoding as Record<
    string,
    { title: string; axis?: { labelExpr: string } }
  >;
  assertEquals(encoding.x.axis?.labelExpr, '["a","␣","a"][datum.value]');
  assertEquals(encoding.y.axis?.labelExpr, '["b","a"][datum.value]');
  assertEquals(encoding.x.title, "question, character by character");
  assertEquals(encoding.y.title, "answer, character by character");
  assertThrows(
    () => attentionChart("ab", "c", [[1]]),
    Error,
    "1 rows (one per character of the answer) of 2",
  );
});
