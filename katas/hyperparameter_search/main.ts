/**
 * `deno task search`: a random search over the learning rate and the weight
 * decay (book 6.5.3) with your katas. It carves a validation set from 1,000
 * MNIST training digits with your `splitValidation`, trains a MultiLayerNet
 * with SGD per trial drawn by your `randomSearch`, and prints the best trials
 * by your `rankTrials`. The test digits are never used. With `--solution`
 * (`deno task search:solution`) it runs the worked answers instead. Under
 * lib/tools/train_report.ts (as the tasks run it) it also reports its
 * progress and, at the end, a chart of the trials.
 *
 * @module
 */

import { loadMnist } from "../../lib/data/mnist.ts";
import { Rng } from "../../lib/random.ts";
import type { Params } from "../../lib/layer.ts";
import type { Tensor } from "../../lib/tensor.ts";
import { runOnKatas } from "../../lib/not_implemented.ts";
import { reportEvents } from "../../lib/tools/report_events.ts";
import { trialsChart } from "../../lib/tools/report.ts";
import type {
  Dataset,
  SearchSpace,
  Settings,
  Trial,
  ValidationSplit,
} from "./search.ts";

// The book's search (6.5.3): 500 digits, 20% of them for validation, a net of
// six hidden layers of 100, 50 epochs per trial. Here 1,000 digits and 30
// trials, so that the whole search takes a few minutes on a laptop.
const DIGITS = 1000;
const VALIDATION_RATE = 0.2;
const HIDDEN_SIZES = [100, 100, 100, 100, 100, 100];
const EPOCHS = 50;
const BATCH_SIZE = 100;
const TRIALS = 30;
const SHOWN = 5;
const SPACE: SearchSpace = { learningRate: [-6, -2], weightDecay: [-8, -4] };

const events = reportEvents(Deno.args);

/** What this script needs from the katas. */
interface Katas {
  splitValidation(
    data: Dataset,
    validationRate: number,
    rng: Rng,
  ): ValidationSplit;
  randomSearch(
    trials: number,
    space: SearchSpace,
    rng: Rng,
    evaluate: (settings: Settings) => number,
  ): Trial[];
  rankTrials(trials: readonly Trial[], top?: number): Trial[];
  MultiLayerNet: new (options: {
    inputSize: number;
    hiddenSizes: number[];
    outputSize: number;
    rng: Rng;
    weightDecayLambda?: number;
  }) => {
    params: Params;
    gradient(x: Tensor, t: Tensor): Params;
    accuracy(x: Tensor, t: Tensor): number;
  };
  SGD: new (lr: number) => { update(params: Params, grads: Params): void };
}

const percent = (share: number) => `${(100 * share).toFixed(1)}%`;
const describe = ({ learningRate, weightDecay, valAccuracy }: Trial) =>
  `val acc ${percent(valAccuracy).padStart(6)}  learning rate ${
    learningRate.toExponential(2)
  }  weight decay ${weightDecay.toExponential(2)}`;

async function search(katas: Katas, whose: string): Promise<void> {
  const start = performance.now();
  const seconds = () => ((performance.now() - start) / 1000).toFixed(1);
  const mnist = await loadMnist();
  const first = [...Array(DIGITS).keys()];
  const split = katas.splitValidation(
    {
      ...mnist,
      xTrain: mnist.xTrain.rows(first),
      tTrain: mnist.tTrain.rows(first),
    },
    VALIDATION_RATE,
    new Rng(0),
  );
  const trainSize = split.xTrain.shape[0];
  console.log(
    `Random search with ${whose}: ${TRIALS} trials, learning rate from ` +
      `1e${SPACE.learningRate[0]} to 1e${SPACE.learningRate[1]}, weight ` +
      `decay from 1e${SPACE.weightDecay[0]} to 1e${SPACE.weightDecay[1]}. ` +
      `Each trains a 784-${HIDDEN_SIZES.join("-")}-10 MultiLayerNet by SGD ` +
      `on ${trainSize} MNIST digits for ${EPOCHS} epochs and is scored on ` +
      `${split.xVal.shape[0]} validation digits held out from them.`,
  );
  let trialNumber = 0;
  const evaluate = ({ learningRate, weightDecay }: Settings) => {
    trialNumber++;
    const net = new katas.MultiLayerNet({
      inputSize: 784,
      hiddenSizes: HIDDEN_SIZES,
      outputSize: 10,
      rng: new Rng(trialNumber),
      weightDecayLambda: weightDecay,
    });
    const optimizer = new katas.SGD(learningRate);
    const batches = new Rng(1000 + trialNumber);
    const iterations = EPOCHS * Math.max(Math.floor(trainSize / BATCH_SIZE), 1);
    for (let i = 0; i < iterations; i++) {
      const mask = batches.choice(trainSize, BATCH_SIZE);
      const grads = net.gradient(
        split.xTrain.rows(mask),
        split.tTrain.rows(mask),
      );
      optimizer.update(net.params, grads);
      events.progress({
        epoch: trialNumber,
        epochs: TRIALS,
        unit: "trial",
        done: ((trialNumber - 1) * iterations + i + 1) /
          (TRIALS * iterations),
      });
    }
    const valAccuracy = net.accuracy(split.xVal, split.tVal);
    console.log(
      `trial ${String(trialNumber).padStart(2)}/${TRIALS}  ${
        describe({ learningRate, weightDecay, valAccuracy })
      }  ${seconds()} s`,
    );
    return valAccuracy;
  };
  const trials = katas.randomSearch(TRIALS, SPACE, new Rng(1), evaluate);
  console.log(`\nThe best ${SHOWN} of ${TRIALS} trials:`);
  katas.rankTrials(trials, SHOWN).forEach((trial, i) =>
    console.log(`${i + 1}. ${describe(trial)}`)
  );
  console.log(
    `Total time ${seconds()} s. Narrow the ranges around the best trials and ` +
      `search again; only the final choice is measured on the test digits.`,
  );
  const [best] = katas.rankTrials(trials, 1);
  events.figure("search", {
    title: `Random search over learning rate and weight decay with ${whose}`,
    summary:
      `${TRIALS} trials, learning rate from 1e${SPACE.learningRate[0]} to 1e${
        SPACE.learningRate[1]
      }, weight decay from 1e${SPACE.weightDecay[0]} to 1e${
        SPACE.weightDecay[1]
      }, both drawn on a log scale. Each trained ` +
      `a 784-${HIDDEN_SIZES.join("-")}-10 MultiLayerNet by SGD on ` +
      `${trainSize} MNIST digits for ${EPOCHS} epochs and was scored on ` +
      `${split.xVal.shape[0]} validation digits.`,
    charts: [{
      heading: "Trials",
      note: `Each trial's validation accuracy by its learning rate and ` +
        `weight decay; the best ${SHOWN} are ringed and numbered by rank` +
        (best
          ? `; the best scored ${percent(best.valAccuracy)} at learning ` +
            `rate ${best.learningRate.toExponential(2)} and weight decay ` +
            best.weightDecay.toExponential(2)
          : "") +
        `.`,
      spec: trialsChart(trials, SHOWN),
    }],
  });
}

await runOnKatas("deno task search:solution", {
  yours: async (whose) =>
    search({
      ...await import("./search.ts"),
      ...await import("../multi_layer_net/multi_layer_net.ts"),
      ...await import("../sgd/sgd.ts"),
    }, whose),
  solutions: async (whose) =>
    search({
      ...await import("../../solutions/hyperparameter_search/search.ts"),
      ...await import("../../solutions/multi_layer_net/multi_layer_net.ts"),
      ...await import("../../solutions/sgd/sgd.ts"),
    }, whose),
});
