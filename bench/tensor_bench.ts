/**
 * `deno bench bench/tensor_bench.ts`: the tensor core's hot paths at the
 * katas' sizes (matmul, a broadcasting add, reductions over an axis).
 *
 * @module
 */

import { workloads } from "./workloads.ts";

const ids = ["matmul_", "add_row", "sum_axis0", "max_axis1"];

for (const w of workloads()) {
  if (!ids.some((id) => w.id.startsWith(id))) continue;
  const run = w.prepare();
  Deno.bench({
    name: w.label,
    group: w.id.split("_")[0],
    fn: () => void run(),
  });
}
