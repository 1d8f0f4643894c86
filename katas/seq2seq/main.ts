/**
 * `deno task train:seq2seq`: trains your Seq2seq (second book 7.3) with your
 * Adam and your clipGrads on generated additions (`lib/data/addition.ts`),
 * and prints per epoch the mean training loss and the share of held-out
 * questions answered exactly. `--reverse` reverses the characters of every
 * question (the book's 7.4.1); `--peeky` trains your PeekySeq2seq (7.4.2,
 * the peeky_seq2seq kata) instead. With `--solution` (`deno task
 * train:seq2seq:solution`) it runs the worked answers from solutions/
 * instead. Under lib/tools/train_report.ts (as the tasks run it) it also
 * reports its progress and, at the end, a page of the loss and held-out
 * accuracy per epoch and a few held-out questions with the model's answers.
 *
 * @module
 */

import {
  additionProblems,
  decodeChars,
  START_ID,
} from "../../lib/data/addition.ts";
import { ADDITION_CHARS } from "../../lib/data/addition.ts";
import { Rng } from "../../lib/random.ts";
import { runOnKatas } from "../../lib/not_implemented.ts";
import type { Optimizer, Params } from "../../lib/layer.ts";
import { reportEvents } from "../../lib/tools/report_events.ts";
import { trainEpochs } from "./train_loop.ts";
import {
  type Answer,
  answersChart,
  lineChart,
} from "../../lib/tools/report.ts";

const TRAIN_PROBLEMS = 10000;
const HELD_OUT_PROBLEMS = 500;
const WORDVEC = 16;
const HIDDEN = 64;
const BATCH_SIZE = 100;
const EPOCHS = 20;
const LEARNING_RATE = 0.01;
const MAX_GRAD = 5;
const SHOWN = 10;

const events = reportEvents(Deno.args);

/** What this script needs from the katas: the model, the clipping, the optimizer. */
interface Katas {
  Seq2seq: new (
    vocabSize: number,
    wordvecSize: number,
    hiddenSize: number,
    rng: Rng,
  ) => {
    params: Params;
    grads: Params;
    forward(xs: number[][], ts: number[][]): number;
    backward(dout?: number): void;
    generate(xs: number[][], startId: number, sampleSize: number): number[][];
  };
  clipGrads: (grads: Params, maxNorm: number) => void;
  Adam: new (lr?: number) => Optimizer;
}

function train(katas: Katas, whose: string): void {
  const reverse = Deno.args.includes("--reverse");
  const peeky = Deno.args.includes("--peeky");
  const data = additionProblems(
    TRAIN_PROBLEMS + HELD_OUT_PROBLEMS,
    new Rng(0),
  );
  const xs = reverse ? data.xs.map((row) => row.toReversed()) : data.xs;
  const [trainXs, heldOutXs] = [
    xs.slice(0, TRAIN_PROBLEMS),
    xs.slice(TRAIN_PROBLEMS),
  ];
  const [trainTs, heldOutTs] = [
    data.ts.slice(0, TRAIN_PROBLEMS),
    data.ts.slice(TRAIN_PROBLEMS),
  ];
  const V = ADDITION_CHARS.length;
  console.log(
    `Training a ${
      peeky ? "peeky " : ""
    }seq2seq model (character vectors ${WORDVEC}, hidden ` +
      `${HIDDEN}) with ${whose} on ${TRAIN_PROBLEMS} generated additions ` +
      `such as ${JSON.stringify(data.questions[0])} → ${
        JSON.stringify(data.answers[0])
      }${reverse ? ", each question read reversed" : ""}: batches of ` +
      `${BATCH_SIZE}, Adam with learning rate ${LEARNING_RATE}, gradients ` +
      `clipped to a norm of ${MAX_GRAD}, ${EPOCHS} epochs; accuracy on ` +
      `${HELD_OUT_PROBLEMS} held-out questions, an answer right only if ` +
      `every character is.`,
  );
  const model = new katas.Seq2seq(V, WORDVEC, HIDDEN, new Rng(1));
  const { losses, accuracies, heldOut } = trainEpochs({
    model,
    optimizer: new katas.Adam(LEARNING_RATE),
    clipGrads: katas.clipGrads,
    maxGrad: MAX_GRAD,
    trainXs,
    trainTs,
    heldOutXs,
    heldOutTs,
    batchSize: BATCH_SIZE,
    epochs: EPOCHS,
    order: new Rng(2),
    startId: START_ID,
    decode: decodeChars,
    events,
  });
  console.log(
    `Held-out accuracy ${(100 * heldOut).toFixed(1)} % after ${EPOCHS} ` +
      `epochs${peeky ? " with the peeky decoder" : ""}${
        reverse ? ", the questions reversed" : ""
      }.`,
  );
  if (!events.enabled) return;
  const guesses = model.generate(
    heldOutXs.slice(0, SHOWN),
    START_ID,
    heldOutTs[0].length - 1,
  );
  const answers: Answer[] = guesses.map((guess, n) => ({
    question: data.questions[TRAIN_PROBLEMS + n].trim(),
    answer: decodeChars(guess).trim(),
    right: decodeChars(heldOutTs[n].slice(1)).trim(),
  }));
  const setting = `${peeky ? "peeky " : ""}seq2seq${
    reverse ? ", questions reversed" : ""
  }`;
  events.figure(
    `train-seq2seq${peeky ? "-peeky" : ""}${reverse ? "-reverse" : ""}`,
    {
      title: `A ${setting} model trained with ${whose} on generated additions`,
      summary: `Character vectors ${WORDVEC}, hidden ${HIDDEN}; ` +
        `${TRAIN_PROBLEMS} training additions, ${HELD_OUT_PROBLEMS} held out` +
        `${reverse ? ", each question read reversed" : ""}; batches of ` +
        `${BATCH_SIZE}, Adam with learning rate ${LEARNING_RATE}, gradients ` +
        `clipped to a norm of ${MAX_GRAD}, ${EPOCHS} epochs.`,
      charts: [
        {
          heading: "Loss",
          note: "The mean training loss over each epoch.",
          spec: lineChart(losses, { x: "epoch", y: "loss", series: "data" }),
        },
        {
          heading: "Held-out accuracy",
          note: `The share of the ${HELD_OUT_PROBLEMS} held-out questions ` +
            `answered exactly (every character right) after each epoch; at ` +
            `the end: ${(100 * heldOut).toFixed(1)} %.`,
          spec: lineChart(accuracies, {
            x: "epoch",
            y: "exact answers (%)",
            series: "data",
          }),
        },
        {
          heading: "Held-out questions",
          note: `The first ${SHOWN} held-out questions as written (before ` +
            `any reversal), the trained model's answers and the right ones.`,
          spec: answersChart(answers),
        },
      ],
    },
  );
}

// Each import named in full, so that the peeky kata is loaded only for --peeky.
await runOnKatas("deno task train:seq2seq:solution", {
  yours: async (whose) =>
    train({
      Seq2seq: Deno.args.includes("--peeky")
        ? (await import("../peeky_seq2seq/peeky_seq2seq.ts")).PeekySeq2seq
        : (await import("./seq2seq.ts")).Seq2seq,
      ...(await import("../rnnlm/rnnlm.ts")),
      ...(await import("../adam/adam.ts")),
    }, whose),
  solutions: async (whose) =>
    train(
      {
        Seq2seq: Deno.args.includes("--peeky")
          ? (await import("../../solutions/peeky_seq2seq/peeky_seq2seq.ts"))
            .PeekySeq2seq
          : (await import("../../solutions/seq2seq/seq2seq.ts")).Seq2seq,
        ...(await import("../../solutions/rnnlm/rnnlm.ts")),
        ...(await import("../../solutions/adam/adam.ts")),
      },
      whose,
    ),
});
