import {
  DATE_CHARS,
  DATE_QUESTION_LENGTH,
  DATE_START_ID,
  dateProblems,
  decodeDateChars,
  encodeDateChars,
} from "./dates.ts";
import {
  assert,
  assertEquals,
  assertNotEquals,
  assertThrows,
  Rng,
  timeLimit,
} from "../testing/mod.ts";

const MONTH_NAMES = [
  "jan",
  "feb",
  "mar",
  "apr",
  "may",
  "jun",
  "jul",
  "aug",
  "sep",
  "oct",
  "nov",
  "dec",
];

/** Reads a question back by hand, independently of the generator's formats. */
function parse(question: string): string {
  const q = question.trim().toLowerCase();
  const iso = (y: string, m: number, d: string) =>
    `${y}-${String(m).padStart(2, "0")}-${d.padStart(2, "0")}`;
  let match = /^(\d+)\/(\d+)\/(\d{4})$/.exec(q);
  if (match) return iso(match[3], Number(match[1]), match[2]);
  match = /^(\d+)\.(\d+)\.(\d{4})$/.exec(q);
  if (match) return iso(match[3], Number(match[2]), match[1]);
  match = /^(\d{4})\/(\d+)\/(\d+)$/.exec(q);
  if (match) return iso(match[1], Number(match[2]), match[3]);
  const words = q.replaceAll(",", "").split(" ").filter((w) => !/day$/.test(w));
  const month = words.findIndex((w) => /^[a-z]/.test(w));
  const m = MONTH_NAMES.indexOf(words[month].slice(0, 3)) + 1;
  const numbers = words.filter((_, i) => i !== month);
  return iso(numbers[1], m, numbers[0]);
}

Deno.test(
  "dateProblems is the same for the same seed and differs for another",
  timeLimit,
  () => {
    const a = dateProblems(50, new Rng(1));
    assertEquals(a, dateProblems(50, new Rng(1)));
    assertNotEquals(a.questions, dateProblems(50, new Rng(2)).questions);
  },
);

Deno.test(
  "every answer is the ISO date its question writes, both of one length, in many formats",
  timeLimit,
  () => {
    const { questions, answers, xs, ts } = dateProblems(600, new Rng(3));
    questions.forEach((question, i) => {
      assertEquals(question.length, DATE_QUESTION_LENGTH, question);
      assertEquals(answers[i], `_${parse(question)}`, question);
      assertEquals(decodeDateChars(xs[i]), question);
      assertEquals(decodeDateChars(ts[i]), answers[i]);
    });
    const shapes = new Set(
      questions.map((q) =>
        q.trim().replace(/\d/g, "9").replace(/[a-z]/gi, "a")
      ),
    );
    assert(shapes.size >= 10, `only ${shapes.size} shapes of question`);
    const years = answers.map((a) => Number(a.slice(1, 5)));
    assert(Math.min(...years) < 1920 && Math.max(...years) > 2080);
  },
);

Deno.test(
  "the weekday written is the date's",
  timeLimit,
  () => {
    const { questions, answers } = dateProblems(300, new Rng(4));
    const days = ["sun", "mon", "tue", "wed", "thu", "fri", "sat"];
    let seen = 0;
    questions.forEach((q, i) => {
      const weekday = /^([a-z]+day),/i.exec(q)?.[1];
      if (weekday === undefined) return;
      seen++;
      const day = new Date(`${answers[i].slice(1)}T00:00:00Z`).getUTCDay();
      assertEquals(weekday.toLowerCase().slice(0, 3), days[day], q);
    });
    assert(seen > 20, `only ${seen} questions with a weekday`);
  },
);

Deno.test(
  "encodeDateChars and decodeDateChars map characters to their index, and refuse others",
  timeLimit,
  () => {
    assertEquals(DATE_CHARS[DATE_START_ID], "_");
    assertEquals(encodeDateChars("0a A"), [0, 10, 62, 36]);
    assertThrows(() => encodeDateChars("1994–09"), RangeError, '"–"');
    assertThrows(() => decodeDateChars([DATE_CHARS.length]), RangeError);
    assertThrows(() => dateProblems(0, new Rng(0)), RangeError, "count");
  },
);
