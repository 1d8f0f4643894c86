/**
 * A generated data set for sequence-to-sequence models (second book, 7.3.1):
 * additions of whole numbers as text, `"16+75"` → `"91"`, one character per
 * time step. Questions are padded with spaces to one length, answers start
 * with `_` (the decoder's first input, standing for "begin") and are padded to
 * one length too, so that a batch is a rectangle of character ids.
 *
 * @module
 */

import type { Rng } from "../random.ts";

/** The characters of every question and answer; a character's id is its index here. */
export const ADDITION_CHARS = "0123456789+ _";

/** The id of `_`, the first character of every answer and the decoder's start input. */
export const START_ID: number = ADDITION_CHARS.indexOf("_");

/** Addition problems as text and as character ids. */
export interface AdditionSet {
  /** `"16+75  "`: the question padded with spaces to `2 · digits + 1` characters. */
  questions: string[];
  /** `"_91  "`: `_`, the sum, spaces up to `digits + 2` characters. */
  answers: string[];
  /** The questions' character ids, one row per question. */
  xs: number[][];
  /** The answers' character ids, one row per answer. */
  ts: number[][];
}

/**
 * The ids of the characters of `text`; a character outside
 * {@link ADDITION_CHARS} is an error.
 *
 * @example
 * ```ts
 * import { encodeChars, START_ID } from "./addition.ts";
 * console.assert(encodeChars("_91")[0] === START_ID);
 * ```
 */
export function encodeChars(text: string): number[] {
  return [...text].map((char) => {
    const id = ADDITION_CHARS.indexOf(char);
    if (id < 0) {
      throw new RangeError(
        `encodeChars: ${JSON.stringify(char)} in ${
          JSON.stringify(text)
        } is not one of ${JSON.stringify(ADDITION_CHARS)}`,
      );
    }
    return id;
  });
}

/**
 * The text of character ids: the inverse of {@link encodeChars}.
 *
 * @example
 * ```ts
 * import { decodeChars, encodeChars } from "./addition.ts";
 * console.assert(decodeChars(encodeChars("_91")) === "_91");
 * ```
 */
export function decodeChars(ids: readonly number[]): string {
  return ids.map((id) => {
    const char = ADDITION_CHARS[id];
    if (!Number.isInteger(id) || char === undefined) {
      throw new RangeError(
        `decodeChars: ${id} is not the id of a character (0 to ${
          ADDITION_CHARS.length - 1
        })`,
      );
    }
    return char;
  }).join("");
}

/**
 * `count` additions of two numbers of 1 to `digits` digits each, drawn from
 * `rng` (first the number of digits, uniformly, then the number, so that short
 * numbers are as frequent as long ones, as in the book's data set), without
 * repeating a question.
 *
 * @example
 * ```ts
 * import { additionProblems } from "./addition.ts";
 * import { Rng } from "../random.ts";
 * const { questions, answers } = additionProblems(2, new Rng(0));
 * const [a, b] = questions[0].split("+").map(Number);
 * console.assert(Number(answers[0].slice(1)) === a + b);
 * ```
 */
export function additionProblems(
  count: number,
  rng: Rng,
  digits = 3,
): AdditionSet {
  if (!Number.isInteger(digits) || digits < 1) {
    throw new RangeError(
      `additionProblems: digits must be a whole number >= 1, got ${digits}`,
    );
  }
  // Pairs (a, b) and (b, a) are different questions.
  const possible = (10 ** digits) ** 2;
  if (!Number.isInteger(count) || count < 1 || count > possible / 2) {
    throw new RangeError(
      `additionProblems: count must be a whole number from 1 to ${
        possible / 2
      } (half the ${possible} questions of ${digits} digits), got ${count}`,
    );
  }
  const number = () => rng.int(10 ** (1 + rng.int(digits)));
  const seen = new Set<string>();
  const questions: string[] = [];
  const answers: string[] = [];
  while (questions.length < count) {
    const [a, b] = [number(), number()];
    const question = `${a}+${b}`;
    if (seen.has(question)) continue;
    seen.add(question);
    questions.push(question.padEnd(2 * digits + 1));
    answers.push(`_${a + b}`.padEnd(digits + 2));
  }
  return {
    questions,
    answers,
    xs: questions.map(encodeChars),
    ts: answers.map(encodeChars),
  };
}
