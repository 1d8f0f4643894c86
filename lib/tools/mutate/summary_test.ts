import { assertEquals } from "../../testing/assert.ts";
import { summaryTable } from "./summary.ts";

const zero = { killed: 0, survived: 0, timedOut: 0, equivalent: 0, errors: 0 };

Deno.test("summaryTable lists each kata and a total, and marks scores below the threshold", () => {
  const table = summaryTable([
    { name: "relu_layer", counts: { ...zero, killed: 9 } },
    {
      name: "batch_norm",
      counts: { ...zero, killed: 22, survived: 3, timedOut: 1, equivalent: 2 },
    },
  ]);
  assertEquals(
    table,
    [
      "| kata | mutants | killed | survived | timed out | equivalent | score |",
      "| --- | ---: | ---: | ---: | ---: | ---: | ---: |",
      "| relu_layer | 9 | 9 | 0 | 0 | 0 | 100.0 % |",
      "| batch_norm | 28 | 22 | 3 | 1 | 2 | 88.5 % (below 95 %) |",
      "| **all** | 37 | 31 | 3 | 1 | 2 | 91.4 % (below 95 %) |",
    ].join("\n"),
  );
});

Deno.test("summaryTable shows a not-run column only when some mutant did not run", () => {
  const table = summaryTable([{
    name: "k",
    counts: { ...zero, killed: 4, errors: 1 },
  }]);
  assertEquals(
    table.split("\n")[0],
    "| kata | mutants | killed | survived | timed out | equivalent | not run | score |",
  );
  assertEquals(table.split("\n")[2], "| k | 5 | 4 | 0 | 0 | 0 | 1 | 100.0 % |");
});

Deno.test("summaryTable says when a kata has nothing to score", () => {
  assertEquals(
    summaryTable([{ name: "k", counts: zero }]).split("\n")[2],
    "| k | 0 | 0 | 0 | 0 | 0 | no mutants |",
  );
});
