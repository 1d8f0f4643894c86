import { CATEGORIES, entropyPerWord, sentenceCorpus } from "./sentences.ts";
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

Deno.test(
  "entropyPerWord is the mean entropy of a sentence over its mean length: 8 patterns, the words of each slot uniform",
  timeLimit,
  () => {
    const ln = Math.log;
    // Per pattern, the entropy of its slots: pet and prey; grazer and
    // fodder; person, food, animal; person, vehicle, place; animal, place;
    // person, groceries, place; vehicle, place; person, animal, place.
    const slots = [
      ln(2) + ln(2),
      ln(4) + ln(2),
      3 * ln(6),
      3 * ln(6),
      2 * ln(6),
      2 * ln(6) + ln(4),
      2 * ln(6),
      3 * ln(6),
    ];
    const lengths = [5, 5, 8, 9, 7, 8, 7, 9];
    const mean = (xs: number[]) => xs.reduce((a, b) => a + b) / xs.length;
    const expected = (ln(8) + mean(slots)) / mean(lengths);
    assert(
      Math.abs(entropyPerWord() - expected) < 1e-12,
      `entropyPerWord() is ${entropyPerWord()}, not ${expected}`,
    );
    // The generated text agrees: its sentences are 7.25 words long on average.
    const { corpus, idToWord } = sentenceCorpus(20000, new Rng(5));
    const sentences = corpus.filter((id) => idToWord[id] === ".").length;
    assert(
      Math.abs(corpus.length / sentences - mean(lengths)) < 0.05,
      `mean sentence length ${corpus.length / sentences}, not about 7.25`,
    );
  },
);
