/**
 * Compares the training step of two checkouts of the repository in one
 * process, their steps interleaved, so that a busy moment of the machine
 * slows both alike (separate runs of bench:compare differ by 10 % here):
 *
 *     git worktree add ../before <commit>
 *     deno run --allow-read bench/ab_step.ts ../before . [steps] [--two-layer]
 *
 * It prints the median time per step of each and the median of the ratios
 * step by step (after / before): below 1, the second checkout is faster.
 * The step is the SimpleConvNet's of bench/workloads.ts (with `--two-layer`,
 * the TwoLayerNet's), on the first 100 digits of the committed sample.
 *
 * @module
 */

/** A step of the network of `dir`'s worked answers, ready to run. */
async function stepOf(dir: string, twoLayer: boolean): Promise<() => void> {
  const root = new URL(`${dir.replace(/\/$/, "")}/`, `file://${Deno.cwd()}/`);
  const at = (path: string) => import(new URL(path, root).href);
  const { Rng } = await at("lib/random.ts");
  const { mnistSample } = await at("lib/data/mnist_sample.ts");
  const { xTrain, tTrain } = mnistSample();
  const rows = Array.from({ length: 100 }, (_, i) => i);
  const t = tTrain.rows(rows);
  let net;
  let x = xTrain.rows(rows);
  if (twoLayer) {
    const { TwoLayerNet } = await at(
      "solutions/two_layer_net/two_layer_net.ts",
    );
    net = new TwoLayerNet(784, 50, 10, new Rng(0));
  } else {
    const { SimpleConvNet } = await at(
      "solutions/simple_conv_net/simple_conv_net.ts",
    );
    net = new SimpleConvNet({ rng: new Rng(0) });
    x = x.reshape(100, 1, 28, 28);
  }
  return () => {
    const grads = net.gradient(x, t);
    for (const key of Object.keys(net.params)) {
      net.params[key].subInPlace(grads[key].mul(0.1));
    }
  };
}

function median(values: number[]): number {
  return values.toSorted((a, b) => a - b)[values.length >> 1];
}

const args = Deno.args.filter((a) => a !== "--two-layer");
const [before, after, count = "60"] = args;
const steps = Number(count);
if (!before || !after || !Number.isInteger(steps) || steps < 1) {
  console.error(
    "Usage: deno run --allow-read bench/ab_step.ts BEFORE_DIR AFTER_DIR [steps] [--two-layer]",
  );
  Deno.exit(2);
}
const twoLayer = Deno.args.includes("--two-layer");
const load = async (dir: string) => {
  try {
    return await stepOf(dir, twoLayer);
  } catch (error) {
    console.error(
      `ab_step: cannot load the worked answers of ${dir}: ${
        (error as Error).message.split("\n")[0]
      }`,
    );
    Deno.exit(1);
  }
};
const a = await load(before);
const b = await load(after);
for (let i = 0; i < 5; i++) {
  a();
  b();
}
const ta: number[] = [];
const tb: number[] = [];
for (let i = 0; i < steps; i++) {
  let start = performance.now();
  a();
  ta.push(performance.now() - start);
  start = performance.now();
  b();
  tb.push(performance.now() - start);
}
console.log(
  `before ${median(ta).toFixed(2)} ms, after ${
    median(tb).toFixed(2)
  } ms per step; median after / before, step by step: ${
    median(tb.map((v, i) => v / ta[i])).toFixed(3)
  } (${steps} steps each)`,
);
