/**
 * `deno bench bench/tensor_bench.ts`: the tensor core's hot paths at the
 * katas' sizes (matmul, a broadcasting add, reductions over an axis, slicing,
 * padding, where, the per-row and per-index scatters, mini-batch draws).
 *
 * @module
 */

import { Rng } from "../lib/random.ts";
import { Tensor } from "../lib/tensor.ts";
import { workloads } from "./workloads.ts";

const ids = [
  "matmul_",
  "add_row",
  "sum_axis0",
  "max_axis1",
  "slice_rows",
  "pad_images",
  "im2col_slices",
  "col2im_slices",
  "where_relu",
  "pool_scatter",
];

for (const w of workloads()) {
  if (!ids.some((id) => w.id.startsWith(id))) continue;
  const run = w.prepare();
  Deno.bench({
    name: w.label,
    group: w.id.split("_")[0],
    fn: () => void run(),
  });
}

// Operations with no peer in the comparison, at the sizes that use them.
const rng = new Rng(0);
const scores = Tensor.randn([100, 10], rng);
const labels = rng.choice(10, 100);
Deno.bench({
  name: "takePerRow 100x10 (cross-entropy's y[arange(N), t])",
  group: "per_row",
  fn: () => void scores.takePerRow(labels),
});
Deno.bench({
  name: "addPerRowInPlace 100x10 (softmax-with-loss backward)",
  group: "per_row",
  fn: () => void scores.clone().addPerRowInPlace(labels, -1),
});

// An embedding's backward pass: 100 x 5 context words into 10000 x 100.
const dW = Tensor.zeros([10000, 100]);
const words = rng.choice(10000, 500);
const dout = Tensor.randn([500, 100], rng);
Deno.bench({
  name: "addRowsInPlace 500 rows of 100 into 10000x100",
  group: "rows",
  fn: () => void dW.addRowsInPlace(words, dout),
});

// A unigram sampler: word frequencies to the power 0.75, as in word2vec.
const counts = Array.from({ length: 10000 }, (_, i) => 1 / (i + 1));
const weights = counts.map((c) => c ** 0.75);
const total = weights.reduce((a, b) => a + b, 0);
const p = weights.map((w) => w / total);
Deno.bench({
  name: "choice(60000, 100) (a mini-batch)",
  group: "choice",
  fn: () => void rng.choice(60000, 100),
});
Deno.bench({
  name: "choice(60000, 100, no replacement)",
  group: "choice",
  fn: () => void rng.choice(60000, 100, { replace: false }),
});
Deno.bench({
  name: "choice(10000, 500, p) (negative samples)",
  group: "choice",
  fn: () => void rng.choice(10000, 500, { p }),
});
