// deno-lint-ignore-file no-unused-vars
import type { Tensor } from "../../lib/tensor.ts";
import type { Rng } from "../../lib/random.ts";
import { notImplemented } from "../../lib/not_implemented.ts";
import type { TwoLayerNet } from "../two_layer_net/two_layer_net.ts";

/** The network this kata trains (your two_layer_net kata), for the spec and main.ts. */
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
  return notImplemented("training", "trainNetwork");
}
