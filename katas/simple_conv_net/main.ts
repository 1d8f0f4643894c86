/**
 * `deno task train:convnet`: trains your SimpleConvNet (book 7.5) on the
 * 8,000 MNIST training digits with Adam, printing one line per epoch (the
 * training loss, the accuracy on the 2,000 held-out digits, the seconds it
 * took). With `--solution` (`deno task train:convnet:solution`) it runs the
 * worked answers from solutions/ instead; `--epochs=N` changes the number of
 * epochs (6 by default, about a minute each). Under lib/tools/train_report.ts
 * (as the tasks run it) it also reports its progress and what it recorded,
 * for the progress bar and the HTML report.
 *
 * @module
 */

import { loadMnist } from "../../lib/data/mnist.ts";
import { Rng } from "../../lib/random.ts";
import type { Tensor } from "../../lib/tensor.ts";
import { epochsOption, runOnKatas } from "../../lib/not_implemented.ts";
import { misclassified, reportEvents } from "../../lib/tools/report_events.ts";
import type { Misclassified } from "../../lib/tools/report.ts";

// Smaller than the book's 100: with 8,000 digits instead of 60,000, more
// steps per epoch get past 96% in a few epochs.
const BATCH_SIZE = 32;
const LEARNING_RATE = 0.001;
/** The training loss is measured on this many training digits per epoch. */
const LOSS_SAMPLE = 1000;
/**
 * The minibatch loss is recorded every this many iterations, before the
 * update: measuring it costs a forward pass, a third of a step.
 */
const LOSS_EVERY = 5;
/** How many misclassified test digits the report shows. */
const WRONG_SHOWN = 40;

const events = reportEvents(Deno.args);

/** The SimpleConvNet's parameters (or their gradients), by the book's names. */
type Params = Record<"W1" | "b1" | "W2" | "b2" | "W3" | "b3", Tensor>;

/** What this script asks of a SimpleConvNet, the learner's or the worked one. */
interface ConvNet {
  params: Params;
  gradient(x: Tensor, t: Tensor): Params;
  predict(x: Tensor): Tensor;
  loss(x: Tensor, t: Tensor): number;
  accuracy(x: Tensor, t: Tensor): number;
}

/** A SimpleConvNet class, built from a seeded generator. */
type ConvNetClass = new (options: { rng: Rng }) => ConvNet;

/**
 * Adam (book 6.1.6), with which the book trains its SimpleConvNet: each step
 * follows running means of the gradient and of its square.
 */
class Adam {
  #m: Record<string, Tensor> = {};
  #v: Record<string, Tensor> = {};
  #iter = 0;

  constructor(
    readonly lr: number,
    readonly beta1 = 0.9,
    readonly beta2 = 0.999,
  ) {}

  /** Updates every tensor of `params` in place from `grads`. */
  update(params: Record<string, Tensor>, grads: Record<string, Tensor>): void {
    this.#iter++;
    // Corrects m and v for starting at 0.
    const lrT = this.lr * Math.sqrt(1 - this.beta2 ** this.#iter) /
      (1 - this.beta1 ** this.#iter);
    for (const [key, param] of Object.entries(params)) {
      const g = grads[key];
      const m = this.#m[key] ??= g.mul(0);
      const v = this.#v[key] ??= g.mul(0);
      m.addInPlace(g.sub(m).mul(1 - this.beta1));
      v.addInPlace(g.mul(g).sub(v).mul(1 - this.beta2));
      param.subInPlace(m.mul(lrT).div(v.sqrt().add(1e-7)));
    }
  }
}

/** Trains `SimpleConvNet` with Adam and reports each epoch. */
async function train(
  SimpleConvNet: ConvNetClass,
  whose: string,
): Promise<void> {
  // Read here, inside runOnKatas, so a bad value is one sentence.
  const EPOCHS = epochsOption(Deno.args, 6);
  const data = await loadMnist({ flatten: false });
  const trainSize = data.xTrain.shape[0];
  const batchesPerEpoch = Math.floor(trainSize / BATCH_SIZE);
  const range = (from: number, to: number) =>
    Array.from({ length: to - from }, (_, i) => from + i);

  console.log(
    `Training a SimpleConvNet (30 filters 5x5, ReLU, 2x2 max pooling, ` +
      `Affine 100, ReLU, Affine 10) with ${whose} on ${trainSize} MNIST ` +
      `digits (${data.xTest.shape[0]} held out): Adam, learning rate ` +
      `${LEARNING_RATE}, batch ${BATCH_SIZE}, ${EPOCHS} epochs.`,
  );

  const percent = (share: number) => `${(100 * share).toFixed(2)}%`;
  const start = performance.now();

  const net = new SimpleConvNet({ rng: new Rng(0) });
  const filters = (w: Tensor) => {
    const [count] = w.shape;
    const size = w.data.length / count;
    return Array.from(
      { length: count },
      (_, i) => Array.from(w.data.subarray(i * size, (i + 1) * size)),
    );
  };
  const filtersBefore = events.enabled ? filters(net.params.W1) : [];
  const optimizer = new Adam(LEARNING_RATE);
  const rng = new Rng(1);
  let accuracy = 0;
  const losses: number[] = [];
  const trainAccuracies: number[] = [];
  const testAccuracies: number[] = [];
  for (let epoch = 1; epoch <= EPOCHS; epoch++) {
    const epochStart = performance.now();
    const order = rng.permutation(trainSize);
    for (let b = 0; b < batchesPerEpoch; b++) {
      const batch = order.slice(b * BATCH_SIZE, (b + 1) * BATCH_SIZE);
      const x = data.xTrain.rows(batch);
      const t = data.tTrain.rows(batch);
      if (events.enabled && b % LOSS_EVERY === 0) {
        const loss = net.loss(x, t);
        losses.push(loss);
        events.progress({
          epoch,
          epochs: EPOCHS,
          done: (epoch - 1 + b / batchesPerEpoch) / EPOCHS,
          loss,
          trainAccuracy: trainAccuracies.at(-1),
          testAccuracy: testAccuracies.at(-1),
        });
      }
      optimizer.update({ ...net.params }, { ...net.gradient(x, t) });
    }
    // The mean loss over the first training digits, 100 at a time.
    let loss = 0;
    for (let from = 0; from < LOSS_SAMPLE; from += 100) {
      const rows = range(from, from + 100);
      loss += net.loss(data.xTrain.rows(rows), data.tTrain.rows(rows)) / 10;
    }
    const sample = range(0, LOSS_SAMPLE);
    const trainAccuracy = net.accuracy(
      data.xTrain.rows(sample),
      data.tTrain.rows(sample),
    );
    accuracy = net.accuracy(data.xTest, data.tTest);
    trainAccuracies.push(trainAccuracy);
    testAccuracies.push(accuracy);
    events.progress({
      epoch,
      epochs: EPOCHS,
      done: epoch / EPOCHS,
      loss,
      trainAccuracy,
      testAccuracy: accuracy,
    });
    const seconds = (performance.now() - epochStart) / 1000;
    console.log(
      `epoch ${epoch}/${EPOCHS}  loss ${loss.toFixed(4)}  train acc ${
        percent(trainAccuracy)
      } (first ${LOSS_SAMPLE} digits)  test acc ${percent(accuracy)}  ${
        seconds.toFixed(1)
      } s`,
    );
  }
  const total = (performance.now() - start) / 1000;
  console.log(
    `Held-out accuracy ${percent(accuracy)} on ${data.xTest.shape[0]} test ` +
      `digits after ${EPOCHS} epochs; total time ${total.toFixed(1)} s.`,
  );
  if (!events.enabled) return;
  const testSize = data.xTest.shape[0];
  // 100 digits at a time, as the activations of all 2,000 would be large.
  const wrong: Misclassified[] = [];
  for (
    let from = 0;
    from < testSize && wrong.length < WRONG_SHOWN;
    from += 100
  ) {
    const rows = range(from, Math.min(from + 100, testSize));
    const x = data.xTest.rows(rows);
    wrong.push(
      ...misclassified(
        x,
        data.tTest.rows(rows),
        net.predict(x),
        WRONG_SHOWN - wrong.length,
      ),
    );
  }
  events.record("convnet", {
    title: `A SimpleConvNet trained on MNIST with ${whose}`,
    summary: `${trainSize.toLocaleString("en-US")} training digits, ` +
      `${testSize.toLocaleString("en-US")} held out; 30 ` +
      `filters 5x5, ReLU, 2x2 max pooling, Affine 100, ReLU, Affine 10; ` +
      `Adam, learning rate ${LEARNING_RATE}, batch ${BATCH_SIZE}, ${EPOCHS} ` +
      `epoch(s). Training accuracy on the first ${LOSS_SAMPLE} training ` +
      `digits.`,
    losses,
    lossEvery: LOSS_EVERY,
    trainAccuracies,
    testAccuracies,
    misclassified: wrong,
    filters: {
      size: 5,
      before: filtersBefore,
      after: filters(net.params.W1),
    },
  });
}

await runOnKatas("deno task train:convnet:solution", {
  yours: async (whose) =>
    train((await import("./simple_conv_net.ts")).SimpleConvNet, whose),
  solutions: async (whose) =>
    train(
      (await import("../../solutions/simple_conv_net/simple_conv_net.ts"))
        .SimpleConvNet,
      whose,
    ),
});
