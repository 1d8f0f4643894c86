import type { Tensor } from "../../lib/tensor.ts";
import type { Rng } from "../../lib/random.ts";
import type { TwoLayerNet } from "../two_layer_net/two_layer_net.ts";

export { TwoLayerNet } from "../two_layer_net/two_layer_net.ts";

/** A training set and a held-out test set. */
export interface TrainingData {
  /** Training inputs, `[N, inputSize]`. */
  xTrain: Tensor;
  /** Training targets: labels `[N]` or one-hot `[N, classes]`. */
  tTrain: Tensor;
  /** Test inputs, never trained on. */
  xTest: Tensor;
  /** Test targets. */
  tTest: Tensor;
}

/** What is reported after each epoch. */
export interface EpochReport {
  /** The epoch just finished, counting from 1. */
  epoch: number;
  /** The mean loss of the epoch's iterations. */
  loss: number;
  /** Accuracy on the whole training set. */
  trainAccuracy: number;
  /** Accuracy on the whole test set. */
  testAccuracy: number;
}

/** How to train. */
export interface TrainingOptions {
  /** How many minibatch updates to make. */
  iterations: number;
  /** Rows per minibatch. */
  batchSize: number;
  /** The step size of SGD. */
  learningRate: number;
  /** Picks the minibatches. */
  rng: Rng;
  /** Called after each epoch. */
  onEpoch?: (report: EpochReport) => void;
}

/** What training recorded. */
export interface TrainingHistory {
  /** The loss of every iteration's minibatch, after its update. */
  losses: number[];
  /** Training-set accuracy after each epoch. */
  trainAccuracies: number[];
  /** Test-set accuracy after each epoch. */
  testAccuracies: number[];
}

/** Trains `net` in place by minibatch SGD (book 5.7.4) and returns what it recorded. */
export function trainNetwork(
  net: TwoLayerNet,
  data: TrainingData,
  options: TrainingOptions,
): TrainingHistory {
  const { iterations, batchSize, learningRate, rng, onEpoch } = options;
  const trainSize = data.xTrain.shape[0];
  // Extra labels would be ignored and missing ones drawn out of range.
  if (data.tTrain.shape[0] !== trainSize) {
    throw new Error(
      `trainNetwork: xTrain has ${trainSize} rows but tTrain has ${
        data.tTrain.shape[0]
      }: one target per training row`,
    );
  }
  // A batch of 0 rows would train on nothing and make epochs endless.
  if (!Number.isInteger(batchSize) || batchSize <= 0) {
    throw new Error(
      `trainNetwork: batchSize must be a positive whole number, got ${batchSize}`,
    );
  }
  // Rounded down so that an epoch ends on a whole iteration.
  const iterPerEpoch = Math.max(Math.floor(trainSize / batchSize), 1);
  const history: TrainingHistory = {
    losses: [],
    trainAccuracies: [],
    testAccuracies: [],
  };

  for (let i = 0; i < iterations; i++) {
    // A fresh random minibatch each iteration, drawn with replacement.
    const batchMask = rng.choice(trainSize, batchSize);
    const xBatch = data.xTrain.rows(batchMask);
    const tBatch = data.tTrain.rows(batchMask);

    const grads = net.gradient(xBatch, tBatch);
    // In place: the layers hold these very tensors.
    for (const key of ["W1", "b1", "W2", "b2"] as const) {
      net.params[key].subInPlace(grads[key].mul(learningRate));
    }

    history.losses.push(net.loss(xBatch, tBatch));

    if ((i + 1) % iterPerEpoch === 0) {
      // Accuracy on the whole of both sets: the test set shows whether the
      // net generalises or only remembers its training data.
      const trainAccuracy = net.accuracy(data.xTrain, data.tTrain);
      const testAccuracy = net.accuracy(data.xTest, data.tTest);
      history.trainAccuracies.push(trainAccuracy);
      history.testAccuracies.push(testAccuracy);
      onEpoch?.({
        epoch: (i + 1) / iterPerEpoch,
        loss: mean(history.losses.slice(-iterPerEpoch)),
        trainAccuracy,
        testAccuracy,
      });
    }
  }
  return history;
}

function mean(values: number[]): number {
  return values.reduce((a, b) => a + b, 0) / values.length;
}
