import {
  assertEquals,
  assertStringIncludes,
  assertThrows,
} from "../../testing/assert.ts";
import { mutantsOf } from "./report.ts";

const at = (line: number, column: number) => ({ line, column });

Deno.test("mutantsOf cuts each mutant's code out of the source, across lines too", () => {
  const source =
    "function f(x) {\n  if (x > 0) {\n    return x;\n  }\n  return 0;\n}\n";
  const report = {
    files: {
      "s/f.ts": {
        source,
        mutants: [
          {
            id: "4",
            mutatorName: "EqualityOperator",
            replacement: "x >= 0",
            status: "Survived",
            location: { start: at(2, 7), end: at(2, 12) },
          },
          {
            id: "5",
            mutatorName: "BlockStatement",
            replacement: "{}",
            status: "Killed",
            location: { start: at(2, 14), end: at(4, 4) },
          },
        ],
      },
    },
  };
  assertEquals(mutantsOf(report, "s/f.ts"), [
    {
      id: "4",
      mutator: "EqualityOperator",
      original: "x > 0",
      replacement: "x >= 0",
      line: 2,
      lineText: "if (x > 0) {",
      status: "Survived",
    },
    {
      id: "5",
      mutator: "BlockStatement",
      original: "{\n    return x;\n  }",
      replacement: "{}",
      line: 2,
      lineText: "if (x > 0) {",
      status: "Killed",
    },
  ]);
});

Deno.test("mutantsOf reads a source with CRLF line ends at the same places", () => {
  const report = {
    files: {
      "a.ts": {
        source: "let a;\r\nconst b = 1 + 2;\r\n",
        mutants: [{
          id: "0",
          mutatorName: "ArithmeticOperator",
          replacement: "1 - 2",
          status: "Survived",
          location: { start: at(2, 11), end: at(2, 16) },
        }],
      },
    },
  };
  assertEquals(mutantsOf(report, "a.ts")[0].original, "1 + 2");
});

Deno.test("mutantsOf names the file the report does not hold", () => {
  assertStringIncludes(
    (assertThrows(() => mutantsOf({ files: {} }, "s/f.ts")) as Error).message,
    "the StrykerJS report has no source and mutants for s/f.ts",
  );
});
