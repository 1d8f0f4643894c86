import {
  ADDITION_CHARS,
  additionProblems,
  decodeChars,
  encodeChars,
  START_ID,
} from "./addition.ts";
import {
  assert,
  assertEquals,
  assertNotEquals,
  assertThrows,
  Rng,
  timeLimit,
} from "../testing/mod.ts";

Deno.test(
  "additionProblems is the same for the same seed and differs for another",
  timeLimit,
  () => {
    const a = additionProblems(50, new Rng(1));
    assertEquals(a, additionProblems(50, new Rng(1)));
    assertNotEquals(a.questions, additionProblems(50, new Rng(2)).questions);
  },
);

Deno.test(
  "every answer is the sum of its question, both padded to one length, and no question repeats",
  timeLimit,
  () => {
    const { questions, answers, xs, ts } = additionProblems(500, new Rng(3));
    assertEquals(new Set(questions).size, 500);
    questions.forEach((question, i) => {
      assertEquals(question.length, 7, `question ${JSON.stringify(question)}`);
      assertEquals(
        answers[i].length,
        5,
        `answer ${JSON.stringify(answers[i])}`,
      );
      assert(answers[i].startsWith("_"), `answer ${answers[i]}`);
      const [a, b] = question.trim().split("+").map(Number);
      assertEquals(Number(answers[i].slice(1).trim()), a + b, question);
      assertEquals(decodeChars(xs[i]), question);
      assertEquals(decodeChars(ts[i]), answers[i]);
    });
  },
);

Deno.test(
  "numbers of every length from 1 to digits occur, and digits sets the lengths",
  timeLimit,
  () => {
    const { questions } = additionProblems(300, new Rng(4));
    const lengths = new Set(
      questions.flatMap((q) => q.trim().split("+").map((n) => n.length)),
    );
    assertEquals([...lengths].sort(), [1, 2, 3]);
    const two = additionProblems(20, new Rng(5), 2);
    assertEquals(two.questions[0].length, 5);
    assertEquals(two.answers[0].length, 4);
  },
);

Deno.test(
  "encodeChars and decodeChars map the characters to their index",
  timeLimit,
  () => {
    assertEquals(encodeChars("0+9 _"), [0, 10, 9, 11, 12]);
    assertEquals(ADDITION_CHARS[START_ID], "_");
    assertEquals(decodeChars([1, 10, 2]), "1+2");
  },
);

Deno.test("bad input is refused with an error that names it", timeLimit, () => {
  assertThrows(() => encodeChars("1-2"), RangeError, '"-"');
  assertThrows(() => decodeChars([13]), RangeError, "13");
  assertThrows(() => decodeChars([0.5]), RangeError, "0.5");
  assertThrows(() => additionProblems(0, new Rng(0)), RangeError, "count");
  assertThrows(() => additionProblems(51, new Rng(0), 1), RangeError, "50");
  assertThrows(() => additionProblems(5, new Rng(0), 0), RangeError, "digits");
});
