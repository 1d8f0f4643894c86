import {
  assertEquals,
  assertStringIncludes,
  assertThrows,
} from "../../testing/assert.ts";
import {
  describes,
  type Equivalent,
  matchEquivalents,
  parseEquivalents,
} from "./equivalents.ts";
import type { Mutant } from "./report.ts";

const FILE = "solutions/k/EQUIVALENT_MUTANTS.md";

const mutant = (over: Partial<Mutant>): Mutant => ({
  id: "1",
  mutator: "ConditionalExpression",
  original: "x.ndim === 2",
  replacement: "false",
  line: 53,
  lineText: "const x2 = x.ndim === 2 ? x : x.reshape([n, -1]);",
  status: "Survived",
  ...over,
});

const entry = (over: Partial<Equivalent>): Equivalent => ({
  title: "The 2-D shortcut",
  mutator: "ConditionalExpression",
  code: "x.ndim === 2",
  replacement: "false",
  reason: "Reshaping a 2-D input to 2-D changes nothing.",
  ...over,
});

Deno.test("parseEquivalents reads each section's fields, code spans and reason", () => {
  const text = `# Equivalent mutants of k.ts

Intro text that is not an entry.

## The 2-D shortcut

- mutator: ConditionalExpression
- code: \`x.ndim === 2\`
- replacement: \`false\`
- line: \`const x2 = x.ndim === 2 ? x : x.reshape([n, -1]);\`

Reshaping a 2-D input to 2-D
changes nothing.

## A template literal

- mutator: \`StringLiteral\`
- code: \`\` \`k: \${n}\` \`\`
- replacement: \`\` \`\` \`\`

The message is never shown.
`;
  assertEquals(parseEquivalents(text, FILE), [
    {
      title: "The 2-D shortcut",
      mutator: "ConditionalExpression",
      code: "x.ndim === 2",
      replacement: "false",
      line: "const x2 = x.ndim === 2 ? x : x.reshape([n, -1]);",
      reason: "Reshaping a 2-D input to 2-D changes nothing.",
    },
    {
      title: "A template literal",
      mutator: "StringLiteral",
      code: "`k: ${n}`",
      replacement: "``",
      reason: "The message is never shown.",
    },
  ]);
});

Deno.test("parseEquivalents names the file and entry of a missing field, an unknown field and a missing reason", () => {
  const head = "## E\n\n- mutator: M\n- code: `a`\n";
  assertStringIncludes(
    (assertThrows(() => parseEquivalents(head + "\nWhy.\n", FILE)) as Error)
      .message,
    `${FILE}, entry "E": "- replacement:" is missing`,
  );
  assertStringIncludes(
    (assertThrows(() =>
      parseEquivalents(head + "- replacement: `b`\n- where: x\n\nWhy.", FILE)
    ) as Error).message,
    `unknown field "where"`,
  );
  assertStringIncludes(
    (assertThrows(() =>
      parseEquivalents(head + "- replacement: `b`\n", FILE)
    ) as Error).message,
    "the reason (why no behaviour can differ) is missing",
  );
  assertStringIncludes(
    (assertThrows(() =>
      parseEquivalents(head + "- code: `c`\n- replacement: `b`\n\nWhy.", FILE)
    ) as Error).message,
    `"code" is given twice`,
  );
});

Deno.test("describes ignores whitespace, so reformatted code still matches", () => {
  const m = mutant({
    original: "{\n    a();\n    b();\n  }",
    mutator: "BlockStatement",
    replacement: "{}",
  });
  const e = entry({
    mutator: "BlockStatement",
    code: "{ a(); b(); }",
    replacement: "{}",
  });
  assertEquals(describes(e, m), true);
  assertEquals(describes({ ...e, code: "{ a(); c(); }" }, m), false);
});

Deno.test("describes lets … stand for any text, in order", () => {
  const m = mutant({ original: "{ first(); middle(); last(); }" });
  assertEquals(describes(entry({ code: "{ first(); … last(); }" }), m), true);
  assertEquals(
    describes(entry({ code: "{ first(); … middle(); … }" }), m),
    true,
  );
  assertEquals(describes(entry({ code: "{ last(); … }" }), m), false);
  assertEquals(
    describes(entry({ code: "{ … last(); … middle(); … }" }), m),
    false,
  );
  // The parts may not overlap: "ab…bc" is not "abc".
  assertEquals(
    describes(entry({ code: "ab…bc" }), mutant({ original: "abc" })),
    false,
  );
});

Deno.test("describes needs the same mutator, replacement and, when given, line", () => {
  const m = mutant({});
  assertEquals(describes(entry({}), m), true);
  assertEquals(describes(entry({ mutator: "EqualityOperator" }), m), false);
  assertEquals(describes(entry({ replacement: "true" }), m), false);
  assertEquals(describes(entry({ line: "something else" }), m), false);
  assertEquals(describes(entry({ line: m.lineText }), m), true);
});

Deno.test("matchEquivalents returns the ids of the mutants the entries record", () => {
  const { ids, problems } = matchEquivalents(
    [entry({})],
    [mutant({ id: "7" }), mutant({ id: "8", replacement: "true" })],
    FILE,
  );
  assertEquals([...ids], ["7"]);
  assertEquals(problems, []);
});

Deno.test("matchEquivalents reports an entry that matches no mutant any more, by its title", () => {
  const { ids, problems } = matchEquivalents(
    [entry({ code: "x.ndim === 3" })],
    [mutant({})],
    FILE,
  );
  assertEquals(ids.size, 0);
  assertEquals(problems.length, 1);
  assertStringIncludes(
    problems[0],
    `${FILE}, entry "The 2-D shortcut" matches no mutant any more`,
  );
});

Deno.test("matchEquivalents asks for a line when an entry matches twins, and accepts it once given", () => {
  const twins = [
    mutant({ id: "1", line: 10, lineText: "if (x.ndim === 2) a();" }),
    mutant({ id: "2", line: 20, lineText: "if (x.ndim === 2) b();" }),
  ];
  const vague = matchEquivalents([entry({})], twins, FILE);
  assertEquals(vague.ids.size, 0);
  assertStringIncludes(vague.problems[0], "matches 2 mutants (lines 10, 20)");
  const precise = matchEquivalents(
    [entry({ line: "if (x.ndim === 2) b();" })],
    twins,
    FILE,
  );
  assertEquals([...precise.ids], ["2"]);
  assertEquals(precise.problems, []);
});

Deno.test("matchEquivalents refuses an entry for a mutant the spec kills or times out", () => {
  for (const status of ["Killed", "Timeout"]) {
    const { ids, problems } = matchEquivalents([entry({})], [
      mutant({ status }),
    ], FILE);
    assertEquals(ids.size, 0);
    assertStringIncludes(
      problems[0],
      `the spec detects this mutant (${status}, line 53)`,
    );
  }
});

Deno.test("matchEquivalents refuses two entries for the same mutant", () => {
  const { ids, problems } = matchEquivalents(
    [entry({}), entry({ title: "Again", line: mutant({}).lineText })],
    [mutant({})],
    FILE,
  );
  assertEquals(ids.size, 1);
  assertStringIncludes(
    problems[0],
    `entry "Again" records the mutant at line 53 that an earlier entry records`,
  );
});
