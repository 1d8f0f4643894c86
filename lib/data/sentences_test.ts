import { CATEGORIES, sentenceCorpus } from "./sentences.ts";
import {
  assert,
  assertEquals,
  assertNotEquals,
  assertThrows,
  Rng,
  timeLimit,
} from "../testing/mod.ts";

Deno.test(
  "sentenceCorpus is the same for the same seed and differs for another",
  timeLimit,
  () => {
    const a = sentenceCorpus(50, new Rng(1));
    assertEquals(a, sentenceCorpus(50, new Rng(1)));
    assertNotEquals(a.corpus, sentenceCorpus(50, new Rng(2)).corpus);
  },
);

Deno.test(
  "sentenceCorpus gives the requested number of sentences, ids numbered by first appearance",
  timeLimit,
  () => {
    const { corpus, idToWord, wordToId } = sentenceCorpus(40, new Rng(3));
    assertEquals(corpus.filter((id) => idToWord[id] === ".").length, 40);
    assertEquals(idToWord[corpus.at(-1)!], ".");
    const firsts = [...new Set(corpus)];
    assertEquals(firsts, idToWord.map((_, id) => id));
    idToWord.forEach((word, id) => assertEquals(wordToId.get(word), id));
  },
);

Deno.test(
  "over enough sentences every word of every category occurs",
  timeLimit,
  () => {
    const { wordToId } = sentenceCorpus(2000, new Rng(4));
    for (const words of Object.values(CATEGORIES)) {
      for (const word of words) {
        assert(wordToId.has(word), `"${word}" never occurs in 2000 sentences`);
      }
    }
  },
);

Deno.test(
  "sentenceCorpus refuses a count that is not a whole number >= 1",
  timeLimit,
  () => {
    for (const n of [0, -1, 2.5, NaN]) {
      assertThrows(
        () => sentenceCorpus(n, new Rng(5)),
        RangeError,
        "sentences",
      );
    }
  },
);
