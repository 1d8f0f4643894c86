/**
 * `deno bench bench/net_bench.ts`: one whole training step (forward,
 * backward, SGD update) of the TwoLayerNet and of the SimpleConvNet, as the
 * worked answers in solutions/ compute it on a batch of 100 MNIST digits.
 *
 * @module
 */

import { workloads } from "./workloads.ts";

for (const w of workloads()) {
  if (!w.id.endsWith("_step")) continue;
  const run = w.prepare();
  Deno.bench({ name: w.label, group: "step", fn: () => void run() });
}
