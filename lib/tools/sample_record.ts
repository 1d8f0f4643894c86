/**
 * A made-up training record, for the report's tests and its browser test:
 * a loss that falls with noise, accuracies that rise, rings for digits and
 * oriented stripes for trained filters, all from a seed, so that no test
 * downloads MNIST or trains anything.
 *
 * @example
 * ```ts
 * import { sampleRecord } from "./sample_record.ts";
 * const record = sampleRecord({ epochs: 3, iterationsPerEpoch: 10 });
 * console.assert(record.losses.length === 30 && record.testAccuracies.length === 3);
 * ```
 *
 * @module
 */

import { Rng } from "../random.ts";
import type { Misclassified, TrainingRecord } from "./report.ts";

/** The shape of a {@linkcode sampleRecord}. */
export interface SampleOptions {
  /** How many epochs. Default 10. */
  epochs?: number;
  /** How many losses per epoch. Default 80. */
  iterationsPerEpoch?: number;
  /** How many misclassified digits. Default 24. */
  wrong?: number;
  /** Whether to include first-layer filters (a ConvNet). Default false. */
  filters?: boolean;
  /** The seed. Default 0. */
  seed?: number;
}

/** A 28x28 ring whose radius grows with `label`, with a little noise. */
function ring(label: number, rng: Rng): number[] {
  const radius = 5 + label * 0.7;
  return Array.from({ length: 784 }, (_, i) => {
    const r = Math.hypot(i % 28 - 13.5, Math.floor(i / 28) - 13.5);
    const ink = Math.max(0, 1 - Math.abs(r - radius) / 1.5);
    return Math.round(Math.min(1, ink + 0.1 * rng.uniform()) * 100) / 100;
  });
}

/** A made-up {@link TrainingRecord} (see the module's example). */
export function sampleRecord(options: SampleOptions = {}): TrainingRecord {
  const {
    epochs = 10,
    iterationsPerEpoch = 80,
    wrong = 24,
    filters = false,
    seed = 0,
  } = options;
  const rng = new Rng(seed);
  const iterations = epochs * iterationsPerEpoch;
  const losses = Array.from(
    { length: iterations },
    (_, i) => 0.1 + 2.2 * Math.exp(-6 * i / iterations) + 0.2 * rng.uniform(),
  );
  const accuracy = (epoch: number, ceiling: number) =>
    ceiling - 0.6 * Math.exp(-epoch / 2);
  const misclassified: Misclassified[] = Array.from({ length: wrong }, () => {
    const label = rng.int(10);
    return {
      pixels: ring(label, rng),
      predicted: (label + 1 + rng.int(9)) % 10,
      label,
    };
  });
  const record: TrainingRecord = {
    title: `A made-up training run (${epochs} epochs)`,
    summary: "Synthetic numbers for the report's tests: no MNIST, no training.",
    losses,
    lossEvery: 1,
    trainAccuracies: Array.from(
      { length: epochs },
      (_, e) => accuracy(e + 1, 0.99),
    ),
    testAccuracies: Array.from(
      { length: epochs },
      (_, e) => accuracy(e + 1, 0.96),
    ),
    misclassified,
  };
  if (filters) {
    const angles = Array.from({ length: 30 }, (_, f) => f * Math.PI / 15);
    record.filters = {
      size: 5,
      before: angles.map(() => Array.from({ length: 25 }, () => rng.uniform())),
      after: angles.map((angle) =>
        Array.from(
          { length: 25 },
          (_, i) =>
            Math.cos(angle) * (i % 5 - 2) +
            Math.sin(angle) * (Math.floor(i / 5) - 2),
        )
      ),
    };
  }
  return record;
}
