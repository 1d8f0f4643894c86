import { assertEquals } from "../testing/assert.ts";
import { parseHints } from "./hints.ts";

const FENCE = "```";

function page(...sections: string[]): string {
  return ["# Hints: ReLU layer", "", ...sections].join("\n");
}

Deno.test("parseHints reads each level, keeping code blocks and blank lines as written", () => {
  const text = page(
    "## Hint 1: a nudge",
    "",
    "Which inputs let a gradient through?",
    "",
    "## Hint 2: the mathematics",
    "",
    FENCE + "text",
    "dx = dout * (x > 0)",
    "    kept indented",
    FENCE,
    "",
    "## Hint 3: a plan",
    "",
    "Keep a mask.\r",
  );
  const { hints, problems } = parseHints(text);
  assertEquals(problems, []);
  assertEquals(hints.map((h) => [h.level, h.title]), [
    [1, "a nudge"],
    [2, "the mathematics"],
    [3, "a plan"],
  ]);
  assertEquals(
    hints[1].body,
    `${FENCE}text\ndx = dout * (x > 0)\n    kept indented\n${FENCE}`,
  );
  assertEquals(hints[2].body, "Keep a mask.");
});

Deno.test("parseHints names each structural fault", () => {
  const { problems } = parseHints(
    [
      "# Hints for ReLU",
      "",
      "## Hint 1: a nudge",
      "",
      "x",
      "",
      "## Hint 3: a plan",
      "",
      "## Notes",
      "",
      "y",
    ].join("\n"),
  );
  assertEquals(problems, [
    'does not start with "# Hints: <kata title>"',
    'numbers "## Hint 3: a plan" where hint 2 belongs',
    'has no text under "## Hint 3: a plan"',
    'has "## Notes", not "## Hint <n>: <title>"',
    "has 2 hint level(s); at least 3 are needed",
  ]);
});

Deno.test("parseHints does not take a ## line inside a code block for a heading", () => {
  const { hints } = parseHints(page(
    "## Hint 1: one",
    FENCE,
    "## Hint 2: not a heading",
    FENCE,
    "## Hint 2: two",
    "b",
    "## Hint 3: three",
    "c",
  ));
  assertEquals(hints.length, 3);
  assertEquals(hints[0].body, `${FENCE}\n## Hint 2: not a heading\n${FENCE}`);
});
