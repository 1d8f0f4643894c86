/**
 * `deno task train:attention`: trains your AttentionSeq2seq (second book 8.3)
 * with your Adam and your clipGrads on generated dates in many formats
 * (`lib/data/dates.ts`) to be written as ISO dates, and prints per epoch the
 * mean training loss and the share of held-out dates written exactly, then
 * where the decoder looked for one of them. With `--solution` (`deno task
 * train:attention:solution`) it runs the worked answers from solutions/
 * instead. Under lib/tools/train_report.ts (as the tasks run it) it also
 * reports its progress and, at the end, a page of the loss and held-out
 * accuracy per epoch, a few held-out dates with the model's answers, and the
 * attention weights of two of them.
 *
 * @module
 */

import {
  DATE_CHARS,
  DATE_START_ID,
  dateProblems,
  decodeDateChars,
} from "../../lib/data/dates.ts";
import { Rng } from "../../lib/random.ts";
import { runOnKatas } from "../../lib/not_implemented.ts";
import type { Tensor } from "../../lib/tensor.ts";
import type { Optimizer, Params } from "../../lib/layer.ts";
import { reportEvents } from "../../lib/tools/report_events.ts";
import { trainEpochs } from "../seq2seq/train_loop.ts";
import {
  type Answer,
  answersChart,
  attentionChart,
  type FigureChart,
  lineChart,
} from "../../lib/tools/report.ts";

const TRAIN_PROBLEMS = 5000;
const HELD_OUT_PROBLEMS = 500;
const WORDVEC = 16;
const HIDDEN = 64;
const BATCH_SIZE = 25;
const EPOCHS = 3;
const LEARNING_RATE = 0.01;
const MAX_GRAD = 5;
const SHOWN = 10;
const HEATMAPS = 2;

const events = reportEvents(Deno.args);

/** What this script needs from the katas: the model, the clipping, the optimizer. */
interface Katas {
  AttentionSeq2seq: new (
    vocabSize: number,
    wordvecSize: number,
    hiddenSize: number,
    rng: Rng,
  ) => {
    params: Params;
    grads: Params;
    decoder: { attention: { attentionWeights: Tensor[] } };
    forward(xs: number[][], ts: number[][]): number;
    backward(dout?: number): void;
    generate(xs: number[][], startId: number, sampleSize: number): number[][];
  };
  clipGrads: (grads: Params, maxNorm: number) => void;
  Adam: new (lr?: number) => Optimizer;
}

type Model = InstanceType<Katas["AttentionSeq2seq"]>;

/**
 * For one question, the character of the question each character of the
 * answer attended to most. generate runs one step per forward, so the weights
 * of step t are those of the last forward of a generation of t + 1 steps.
 */
function showAttention(model: Model, question: string, x: number[]): void {
  const [answer] = model.generate([x], DATE_START_ID, 10);
  // The question is read reversed: position p of x is character T-1-p.
  const T = x.length;
  const looks = answer.map((id, t) => {
    model.generate([x], DATE_START_ID, t + 1);
    const p = model.decoder.attention.attentionWeights[0].reshape(-1).argmax();
    return `${decodeDateChars([id])}←${JSON.stringify(question[T - 1 - p])}`;
  });
  console.log(
    `${JSON.stringify(question.trim())} → ${
      JSON.stringify(decodeDateChars(answer))
    }; each character of the answer and the character of the question it ` +
      `attended to most: ${looks.join(" ")}`,
  );
}

/**
 * For one question, its answer and the attention weights of every character
 * of the answer over the question's characters as written (x is reversed),
 * the padding at the question's end left out.
 */
function attentionOf(model: Model, question: string, x: number[]) {
  const [answer] = model.generate([x], DATE_START_ID, 10);
  const T = x.length;
  const shown = question.trimEnd().length;
  const weights = answer.map((_, t) => {
    model.generate([x], DATE_START_ID, t + 1);
    const row = model.decoder.attention.attentionWeights[0].reshape(-1);
    return Array.from({ length: shown }, (_, j) => row.get(T - 1 - j));
  });
  return {
    question: question.trimEnd(),
    answer: decodeDateChars(answer),
    weights,
  };
}

function train(katas: Katas, whose: string): void {
  const data = dateProblems(TRAIN_PROBLEMS + HELD_OUT_PROBLEMS, new Rng(0));
  // Reversed, as in the seq2seq kata's best setting.
  const xs = data.xs.map((row) => row.toReversed());
  const [trainXs, heldOutXs] = [
    xs.slice(0, TRAIN_PROBLEMS),
    xs.slice(TRAIN_PROBLEMS),
  ];
  const [trainTs, heldOutTs] = [
    data.ts.slice(0, TRAIN_PROBLEMS),
    data.ts.slice(TRAIN_PROBLEMS),
  ];
  const V = DATE_CHARS.length;
  console.log(
    `Training a seq2seq model with attention (character vectors ${WORDVEC}, ` +
      `hidden ${HIDDEN}) with ${whose} on ${TRAIN_PROBLEMS} generated dates ` +
      `such as ${JSON.stringify(data.questions[0].trim())} → ${
        JSON.stringify(data.answers[0])
      }, each question read reversed: batches of ${BATCH_SIZE}, Adam with ` +
      `learning rate ${LEARNING_RATE}, gradients clipped to a norm of ` +
      `${MAX_GRAD}, ${EPOCHS} epochs; accuracy on ${HELD_OUT_PROBLEMS} ` +
      `held-out dates, an answer right only if every character is.`,
  );
  const model = new katas.AttentionSeq2seq(V, WORDVEC, HIDDEN, new Rng(1));
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
    startId: DATE_START_ID,
    decode: decodeDateChars,
    events,
  });
  showAttention(
    model,
    data.questions[TRAIN_PROBLEMS],
    heldOutXs[0],
  );
  console.log(
    `Held-out accuracy ${(100 * heldOut).toFixed(1)} % after ${EPOCHS} epochs.`,
  );
  if (!events.enabled) return;
  const guesses = model.generate(
    heldOutXs.slice(0, SHOWN),
    DATE_START_ID,
    heldOutTs[0].length - 1,
  );
  const answers: Answer[] = guesses.map((guess, n) => ({
    question: data.questions[TRAIN_PROBLEMS + n].trim(),
    answer: decodeDateChars(guess),
    right: decodeDateChars(heldOutTs[n].slice(1)),
  }));
  const heatmaps: FigureChart[] = Array.from({ length: HEATMAPS }, (_, n) => {
    const seen = attentionOf(
      model,
      data.questions[TRAIN_PROBLEMS + n],
      heldOutXs[n],
    );
    return {
      heading: `Where the decoder looked: ${JSON.stringify(seen.question)}`,
      note: `A row per character of the model's answer ` +
        `${JSON.stringify(seen.answer)}, a column per character of the ` +
        `question as written (the spaces padding it left out); the darker ` +
        `the cell, the more weight that character of the answer gave that ` +
        `character of the question.`,
      spec: attentionChart(seen.question, seen.answer, seen.weights),
    };
  });
  events.figure("train-attention", {
    title: `A seq2seq model with attention trained with ${whose} on ` +
      `generated dates`,
    summary: `Character vectors ${WORDVEC}, hidden ${HIDDEN}; ` +
      `${TRAIN_PROBLEMS} training dates in many formats to be written as ` +
      `ISO dates, ${HELD_OUT_PROBLEMS} held out, each question read ` +
      `reversed; batches of ${BATCH_SIZE}, Adam with learning rate ` +
      `${LEARNING_RATE}, gradients clipped to a norm of ${MAX_GRAD}, ` +
      `${EPOCHS} epochs.`,
    charts: [
      {
        heading: "Loss",
        note: "The mean training loss over each epoch.",
        spec: lineChart(losses, { x: "epoch", y: "loss", series: "data" }),
      },
      {
        heading: "Held-out accuracy",
        note: `The share of the ${HELD_OUT_PROBLEMS} held-out dates written ` +
          `exactly (every character right) after each epoch; at the end: ` +
          `${(100 * heldOut).toFixed(1)} %.`,
        spec: lineChart(accuracies, {
          x: "epoch",
          y: "exact answers (%)",
          series: "data",
        }),
      },
      {
        heading: "Held-out dates",
        note: `The first ${SHOWN} held-out dates, the trained model's ` +
          `answers and the right ones.`,
        spec: answersChart(answers),
      },
      ...heatmaps,
    ],
  });
}

await runOnKatas("deno task train:attention:solution", {
  yours: async (whose) =>
    train({
      ...(await import("./attention_seq2seq.ts")),
      ...(await import("../rnnlm/rnnlm.ts")),
      ...(await import("../adam/adam.ts")),
    }, whose),
  solutions: async (whose) =>
    train(
      {
        ...(await import(
          "../../solutions/attention_seq2seq/attention_seq2seq.ts"
        )),
        ...(await import("../../solutions/rnnlm/rnnlm.ts")),
        ...(await import("../../solutions/adam/adam.ts")),
      },
      whose,
    ),
});
