/**
 * A generated data set for attention (second book, 8.3): dates written in
 * many human formats, `"Tuesday, September 27, 1994"`, `"27.09.1994"`,
 * `"9/27/1994"` …, each to be turned into the ISO date `"1994-09-27"`. The
 * question and the answer say the same thing in a different order, which is
 * what attention learns to align. Questions are padded with spaces to one
 * length; answers start with `_`, the decoder's start symbol.
 *
 * @module
 */

import type { Rng } from "../random.ts";

/** The characters of every question and answer; a character's id is its index here. */
export const DATE_CHARS =
  "0123456789abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ ,./-_";

/** The id of `_`, the first character of every answer and the decoder's start input. */
export const DATE_START_ID: number = DATE_CHARS.indexOf("_");

/** The length every question is padded to: the longest format's longest date. */
export const DATE_QUESTION_LENGTH = 29;

const MONTHS = [
  "january",
  "february",
  "march",
  "april",
  "may",
  "june",
  "july",
  "august",
  "september",
  "october",
  "november",
  "december",
];
const WEEKDAYS = [
  "sunday",
  "monday",
  "tuesday",
  "wednesday",
  "thursday",
  "friday",
  "saturday",
];

const capital = (word: string) => word[0].toUpperCase() + word.slice(1);
const two = (n: number) => String(n).padStart(2, "0");

/** The parts of a date a format may use. */
interface Parts {
  y: number;
  m: number;
  d: number;
  weekday: string;
}

/** The formats, each a way people write a date. */
const FORMATS: readonly ((p: Parts) => string)[] = [
  (p) => `${capital(MONTHS[p.m - 1])} ${p.d}, ${p.y}`,
  (p) => `${capital(MONTHS[p.m - 1]).slice(0, 3)} ${p.d}, ${p.y}`,
  (p) => `${p.d} ${capital(MONTHS[p.m - 1])} ${p.y}`,
  (p) => `${p.d} ${MONTHS[p.m - 1].slice(0, 3)} ${p.y}`,
  (p) => `${capital(p.weekday)}, ${capital(MONTHS[p.m - 1])} ${p.d}, ${p.y}`,
  (p) =>
    `${p.weekday.toUpperCase()}, ${
      MONTHS[p.m - 1].toUpperCase()
    } ${p.d}, ${p.y}`,
  (p) => `${p.weekday}, ${p.d} ${MONTHS[p.m - 1]} ${p.y}`,
  (p) => `${p.m}/${p.d}/${p.y}`,
  (p) => `${two(p.m)}/${two(p.d)}/${p.y}`,
  (p) => `${p.d}.${two(p.m)}.${p.y}`,
  (p) => `${p.y}/${p.m}/${p.d}`,
  (p) => `${MONTHS[p.m - 1]} ${p.d} ${p.y}`,
];

/** Dates questions and answers as text and as character ids. */
export interface DateSet {
  /** The dates as written, padded with spaces to {@link DATE_QUESTION_LENGTH}. */
  questions: string[];
  /** `"_1994-09-27"`: `_` and the ISO date, 11 characters. */
  answers: string[];
  /** The questions' character ids, one row per question. */
  xs: number[][];
  /** The answers' character ids, one row per answer. */
  ts: number[][];
}

/**
 * The ids of the characters of `text` in {@link DATE_CHARS}; any other
 * character is an error.
 *
 * @example
 * ```ts
 * import { DATE_START_ID, encodeDateChars } from "./dates.ts";
 * console.assert(encodeDateChars("_1994")[0] === DATE_START_ID);
 * ```
 */
export function encodeDateChars(text: string): number[] {
  return [...text].map((char) => {
    const id = DATE_CHARS.indexOf(char);
    if (id < 0) {
      throw new RangeError(
        `encodeDateChars: ${JSON.stringify(char)} in ${
          JSON.stringify(text)
        } is not one of DATE_CHARS`,
      );
    }
    return id;
  });
}

/**
 * The text of character ids: the inverse of {@link encodeDateChars}.
 *
 * @example
 * ```ts
 * import { decodeDateChars, encodeDateChars } from "./dates.ts";
 * console.assert(decodeDateChars(encodeDateChars("1994-09-27")) === "1994-09-27");
 * ```
 */
export function decodeDateChars(ids: readonly number[]): string {
  return ids.map((id) => {
    const char = DATE_CHARS[id];
    if (!Number.isInteger(id) || char === undefined) {
      throw new RangeError(
        `decodeDateChars: ${id} is not the id of a character (0 to ${
          DATE_CHARS.length - 1
        })`,
      );
    }
    return char;
  }).join("");
}

/**
 * `count` dates drawn uniformly from 1900-01-01 to 2099-12-31 by `rng`, each
 * written in one of 12 formats drawn uniformly, with its ISO date as the
 * answer.
 *
 * @example
 * ```ts
 * import { dateProblems } from "./dates.ts";
 * import { Rng } from "../random.ts";
 * const { questions, answers } = dateProblems(1, new Rng(0));
 * console.assert(questions[0].length === 29 && answers[0].length === 11);
 * ```
 */
export function dateProblems(count: number, rng: Rng): DateSet {
  if (!Number.isInteger(count) || count < 1) {
    throw new RangeError(
      `dateProblems: count must be a whole number >= 1, got ${count}`,
    );
  }
  const first = Date.UTC(1900, 0, 1);
  const days = (Date.UTC(2100, 0, 1) - first) / 86_400_000;
  const questions: string[] = [];
  const answers: string[] = [];
  for (let i = 0; i < count; i++) {
    const date = new Date(first + rng.int(days) * 86_400_000);
    const parts = {
      y: date.getUTCFullYear(),
      m: date.getUTCMonth() + 1,
      d: date.getUTCDate(),
      weekday: WEEKDAYS[date.getUTCDay()],
    };
    const format = FORMATS[rng.int(FORMATS.length)];
    questions.push(format(parts).padEnd(DATE_QUESTION_LENGTH));
    answers.push(`_${parts.y}-${two(parts.m)}-${two(parts.d)}`);
  }
  return {
    questions,
    answers,
    xs: questions.map(encodeDateChars),
    ts: answers.map(encodeDateChars),
  };
}
