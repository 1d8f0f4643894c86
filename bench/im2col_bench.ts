/**
 * `deno bench bench/im2col_bench.ts`: im2col and col2im for the convolution
 * of a batch of 100 MNIST digits with 5 x 5 filters (the worked answers in
 * solutions/im2col, running on the tensor core).
 *
 * @module
 */

import { workloads } from "./workloads.ts";

for (const w of workloads()) {
  if (w.id !== "im2col" && w.id !== "col2im") continue;
  const run = w.prepare();
  Deno.bench({ name: w.label, group: "im2col", fn: () => void run() });
}
