/**
 * A generated corpus for training word vectors: simple sentences from a small
 * grammar in which the words of one category (animals, foods, people,
 * vehicles, places) are used in the same places, and some of them in more
 * places alike (cats and dogs eat meat and fish; cows and horses, grass and
 * hay). A model that learns from contexts should end up with each word nearest
 * to the others of its category, and to its closest kin first: easy to check by
 * eye and by number.
 *
 * @module
 */

import type { Rng } from "../random.ts";

/** The content words, by category; every other word is a function word. */
export const CATEGORIES: Readonly<Record<string, readonly string[]>> = {
  animal: ["cat", "dog", "cow", "horse", "sheep", "goat"],
  food: ["grass", "hay", "meat", "fish", "bread", "apples"],
  person: ["man", "woman", "boy", "girl", "teacher", "doctor"],
  vehicle: ["car", "bus", "bike", "truck", "tram", "boat"],
  place: ["school", "market", "farm", "city", "park", "river"],
};

/** Smaller groups inside the categories, so that some words are closer kin. */
const GROUPS: Readonly<Record<string, readonly string[]>> = {
  ...CATEGORIES,
  pet: ["cat", "dog"],
  grazer: ["cow", "horse", "sheep", "goat"],
  prey: ["meat", "fish"],
  fodder: ["grass", "hay"],
  groceries: ["bread", "apples", "meat", "fish"],
};

/** The sentence patterns: `{group}` stands for any word of it. */
const TEMPLATES = [
  "the {pet} eats {prey} .",
  "the {grazer} eats {fodder} .",
  "a {person} gives {food} to the {animal} .",
  "the {person} drives the {vehicle} to the {place} .",
  "the {animal} walks to the {place} .",
  "a {person} buys {groceries} at the {place} .",
  "the {vehicle} stops near the {place} .",
  "the {person} sees a {animal} in the {place} .",
];

/** A corpus of word ids and its vocabulary. */
export interface SentenceCorpus {
  /** The word ids, sentence after sentence (each ends with "."). */
  corpus: number[];
  /** The word of each id, ids numbered in order of first appearance. */
  idToWord: string[];
  /** The id of each word. */
  wordToId: Map<string, number>;
}

/**
 * `sentences` sentences, each a pattern and its words drawn uniformly from
 * `rng`, as word ids (the book's `preprocess` of the text, done while
 * generating it).
 *
 * @example
 * ```ts
 * import { sentenceCorpus } from "./sentences.ts";
 * import { Rng } from "../random.ts";
 * const { corpus, idToWord } = sentenceCorpus(3, new Rng(0));
 * console.assert(idToWord[corpus.at(-1)!] === ".");
 * ```
 */
export function sentenceCorpus(sentences: number, rng: Rng): SentenceCorpus {
  if (!Number.isInteger(sentences) || sentences < 1) {
    throw new RangeError(
      `sentenceCorpus: sentences must be a whole number >= 1, got ${sentences}`,
    );
  }
  const wordToId = new Map<string, number>();
  const idToWord: string[] = [];
  const corpus: number[] = [];
  for (let s = 0; s < sentences; s++) {
    const template = TEMPLATES[rng.int(TEMPLATES.length)];
    for (const token of template.split(" ")) {
      const group = /^\{(\w+)\}$/.exec(token)?.[1];
      const words = group === undefined ? [token] : GROUPS[group];
      const word = words[rng.int(words.length)];
      if (!wordToId.has(word)) {
        wordToId.set(word, idToWord.length);
        idToWord.push(word);
      }
      corpus.push(wordToId.get(word)!);
    }
  }
  return { corpus, idToWord, wordToId };
}

/**
 * The generator's entropy per word, in nats: the entropy of one sentence (a
 * pattern, then each of its word slots, every choice uniform) over the mean
 * number of words of a sentence. The words of a sentence tell its pattern and
 * its choices apart, so this is the entropy rate of the corpus: no language
 * model can have a perplexity below its exp on text from this generator.
 *
 * @example
 * ```ts
 * import { entropyPerWord } from "./sentences.ts";
 * const floor = Math.exp(entropyPerWord());
 * console.assert(floor > 2.3 && floor < 2.31);
 * ```
 */
export function entropyPerWord(): number {
  let nats = Math.log(TEMPLATES.length);
  let words = 0;
  for (const template of TEMPLATES) {
    for (const token of template.split(" ")) {
      const group = /^\{(\w+)\}$/.exec(token)?.[1];
      if (group !== undefined) {
        nats += Math.log(GROUPS[group].length) / TEMPLATES.length;
      }
      words += 1 / TEMPLATES.length;
    }
  }
  return nats / words;
}
