import { AND, NAND, OR, XOR } from "./gates.ts";
import {
  assert,
  assertStrictEquals,
  assertThrows,
  timeLimit,
} from "../../lib/testing/mod.ts";

type Gate = (x1: number, x2: number) => number;

/** Rows [x1, x2, y] of a truth table, in the book's order. */
type TruthTable = [number, number, number][];

function assertTruthTable(gate: Gate, name: string, table: TruthTable): void {
  for (const [x1, x2, y] of table) {
    assertStrictEquals(
      gate(x1, x2),
      y,
      `${name}(${x1}, ${x2}) should be ${y} (the number, not a boolean)`,
    );
  }
}

Deno.test(
  "AND outputs 1 only when both inputs are 1 (book 2.2.1)",
  timeLimit,
  () => {
    assertTruthTable(AND, "AND", [[0, 0, 0], [1, 0, 0], [0, 1, 0], [1, 1, 1]]);
  },
);

Deno.test(
  "NAND outputs 0 only when both inputs are 1 (book 2.2.2)",
  timeLimit,
  () => {
    assertTruthTable(NAND, "NAND", [[0, 0, 1], [1, 0, 1], [0, 1, 1], [
      1,
      1,
      0,
    ]]);
  },
);

Deno.test(
  "OR outputs 1 when at least one input is 1 (book 2.2.2)",
  timeLimit,
  () => {
    assertTruthTable(OR, "OR", [[0, 0, 0], [1, 0, 1], [0, 1, 1], [1, 1, 1]]);
  },
);

Deno.test(
  "XOR outputs 1 when exactly one input is 1 (book 2.4.1)",
  timeLimit,
  () => {
    assertTruthTable(XOR, "XOR", [[0, 0, 0], [1, 0, 1], [0, 1, 1], [1, 1, 0]]);
  },
);

Deno.test(
  "XOR equals AND(NAND(x1, x2), OR(x1, x2)) on every input (book 2.5.1)",
  timeLimit,
  () => {
    for (const x1 of [0, 1]) {
      for (const x2 of [0, 1]) {
        const s1 = NAND(x1, x2);
        const s2 = OR(x1, x2);
        assertStrictEquals(
          XOR(x1, x2),
          AND(s1, s2),
          `XOR(${x1}, ${x2}) should equal AND(s1, s2) with s1 = NAND = ${s1} ` +
            `and s2 = OR = ${s2}`,
        );
      }
    }
  },
);

const gates: [string, Gate][] = [
  ["AND", AND],
  ["NAND", NAND],
  ["OR", OR],
  ["XOR", XOR],
];

/**
 * Whether `message` contains `part` as a word of its own: not inside a longer
 * word or number, so that "NAND: ..." does not count as naming AND, and the
 * "2" of "x2" does not count as naming the value 2.
 */
function mentions(message: string, part: string): boolean {
  const escaped = part.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");
  return new RegExp(`(?<![\\w.])${escaped}(?![\\w]|\\.\\d)`).test(message);
}

// A gate's inputs are bits. Anything else is a caller's mistake that would
// otherwise give a plausible-looking 0 or 1, so it must fail loudly.
const notBits = [0.5, 2, -1, 1e-9, NaN, Infinity];

for (const [name, gate] of gates) {
  Deno.test(
    `${name} throws a RangeError naming ${name}, the input and its value when an input is not 0 or 1`,
    timeLimit,
    () => {
      for (const bad of notBits) {
        for (
          const [which, x1, x2] of [["x1", bad, 1], ["x2", 0, bad]] as const
        ) {
          const call = `${name}(${x1}, ${x2})`;
          const error = assertThrows(
            () => gate(x1, x2),
            RangeError,
            undefined,
            call,
          );
          for (const part of [name, which, String(bad)]) {
            assert(
              mentions(error.message, part),
              `${call} threw a RangeError whose message "${error.message}" ` +
                `does not mention "${part}" (as a word of its own: "NAND" ` +
                `does not name AND, nor does "x2" the value 2)`,
            );
          }
        }
      }
    },
  );
}
