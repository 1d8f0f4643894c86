import {
  assertEquals,
  assertInstanceOf,
  assertStringIncludes,
  assertThrows,
} from "../testing/assert.ts";
import {
  applyEach,
  applyMistake,
  applyMistakes,
  MistakeError,
  mistakenSource,
  parseMistakes,
  readMistakes,
  WRONG_LAYERS,
} from "./mistakes.ts";
import type { KataEntry } from "./manifest.ts";
import { join } from "node:path";

const ANSWER = [
  "export function relu(x: number): number {",
  "  // Zero and below are cut off.",
  "  return x > 0 ? x : 0;",
  "}",
  "",
].join("\n");

function section(
  name: string,
  diff: string[],
  text = "Cuts too much.",
): string {
  return [`## ${name}`, "", text, "", "```diff", ...diff, "```", ""].join(
    "\n",
  );
}

const GE_ZERO = [
  "@@ -2,2 +2,2 @@",
  "   // Zero and below are cut off.",
  "-  return x > 0 ? x : 0;",
  "+  return x >= 0 ? x : 0;",
];
const NEGATES = [
  "@@ -3,1 +3,1 @@",
  "-  return x > 0 ? x : 0;",
  "+  return x > 0 ? -x : 0;",
];

function page(...sections: string[]): string {
  return [
    "# Classic mistakes: ReLU",
    "",
    "Diffs against relu.ts.",
    "",
    ...sections,
  ]
    .join("\n");
}

/** Fails unless parsing `text` throws a MistakeError mentioning every part. */
function rejects(text: string, ...parts: string[]): void {
  const e = assertThrows(() => parseMistakes("relu", text), MistakeError);
  assertStringIncludes(e.message, "relu: ");
  for (const part of parts) assertStringIncludes(e.message, part);
}

Deno.test("a page gives its mistakes in order, with descriptions joined from wrapped lines", () => {
  const mistakes = parseMistakes(
    "relu",
    page(
      section("ge_zero", GE_ZERO, "Keeps zero.\nThe spec fails."),
      section("negates", NEGATES),
    ),
  );
  assertEquals(mistakes.map((m) => m.name), ["ge_zero", "negates"]);
  assertEquals(mistakes[0].description, "Keeps zero. The spec fails.");
  assertEquals(mistakes[0].diff, GE_ZERO.join("\n") + "\n");
  assertEquals(mistakes[1].diff, NEGATES.join("\n") + "\n");
});

Deno.test("each mistake's title is the first line of its description", () => {
  const mistakes = parseMistakes(
    "relu",
    page(
      section("ge_zero", GE_ZERO, "Keeps zero.\n\nThe spec fails."),
      section("negates", NEGATES, "\n  Negates.  \nMore."),
    ),
  );
  assertEquals(mistakes.map((m) => m.title), ["Keeps zero.", "Negates."]);
});

Deno.test("a wrong-layers page needs its own heading and is named by its own path", () => {
  const wrong = page(section("ge_zero", GE_ZERO)).replace(
    "# Classic mistakes: ReLU",
    "# Wrong layers: Bug hunt: ReLU",
  );
  const [m] = parseMistakes("relu_bug_hunt", wrong, WRONG_LAYERS);
  assertEquals(m.name, "ge_zero");
  const e = assertThrows(
    () => parseMistakes("relu_bug_hunt", page(), WRONG_LAYERS),
    MistakeError,
  );
  assertStringIncludes(
    e.message,
    'solutions/relu_bug_hunt/WRONG_LAYERS.md must start with "# Wrong layers: <title>"',
  );
  rejects(wrong, "MISTAKES.md must start with");
  rejects(
    "# Classic mistakes: \n",
    'must start with "# Classic mistakes: <title>"',
  );
});

/** The MistakeError that applying `diff` to `source` gives. */
async function failure(diff: string[], source = ANSWER): Promise<Error> {
  const [m] = parseMistakes("relu", page(section("ge_zero", diff)));
  const e = await applyMistake("relu", source, m).catch((e) => e);
  assertInstanceOf(e, MistakeError);
  assertStringIncludes(e.message, 'relu: mistake "ge_zero" ');
  return e;
}

Deno.test("a mistake applies exactly, even when lines above it have moved", async () => {
  const [m] = parseMistakes("relu", page(section("ge_zero", GE_ZERO)));
  assertEquals(
    await applyMistake("relu", ANSWER, m),
    ANSWER.replace("x > 0", "x >= 0"),
  );
  const moved = "// a new first line\n" + ANSWER;
  assertEquals(
    await applyMistake("relu", moved, m),
    moved.replace("x > 0", "x >= 0"),
  );
});

Deno.test("a hunk that no longer applies names the kata, the mistake and the first line that did not match", async () => {
  const edited = ANSWER.replace("  return x > 0", "  return x < 0");
  const e = await failure(GE_ZERO, edited);
  assertStringIncludes(e.message, '"ge_zero" no longer applies');
  assertStringIncludes(
    e.message,
    'at line 3 "  return x > 0 ? x : 0;", found "  return x < 0 ? x : 0;"',
  );
});

Deno.test("a changed context line is a mismatch too: no fuzz", async () => {
  const e = await failure(GE_ZERO, ANSWER.replace("cut off.", "cut."));
  assertStringIncludes(
    e.message,
    'at line 2 "  // Zero and below are cut off."',
  );
});

Deno.test("a malformed diff is reported when applied, with what is wrong", async () => {
  const short = await failure(["@@ -2,2 +2,2 @@", "-  return x;"]);
  assertStringIncludes(short.message, "has a malformed diff");
  const bare = await failure(["-  return x;", "+  return y;"]);
  assertStringIncludes(bare.message, "needs unified-diff hunks");
});

Deno.test("hunks that overlap or come out of order are rejected, not applied twice over a line", async () => {
  const overlap = await failure([
    "@@ -1,2 +1,2 @@",
    " export function relu(x: number): number {",
    "-  // Zero and below are cut off.",
    "+  // Zero is kept.",
    "@@ -2,2 +2,2 @@",
    "   // Zero and below are cut off.",
    "-  return x > 0 ? x : 0;",
    "+  return x >= 0 ? x : 0;",
  ]);
  assertStringIncludes(overlap.message, "has a malformed diff");
  assertStringIncludes(overlap.message, "hunk 2 begins before hunk 1 ends");
  // In order by their headers, but the text has the two lines swapped:
  // each hunk matches alone, not one after the other.
  const swapped = ANSWER.replace(
    "  // Zero and below are cut off.\n  return x > 0 ? x : 0;",
    "  return x > 0 ? x : 0;\n  // Zero and below are cut off.",
  );
  const reordered = await failure([
    "@@ -2,1 +2,1 @@",
    "-  // Zero and below are cut off.",
    "+  // Zero is kept.",
    "@@ -3,1 +3,1 @@",
    "-  return x > 0 ? x : 0;",
    "+  return x >= 0 ? x : 0;",
  ], swapped);
  assertStringIncludes(reordered.message, "hunks overlap or are out of order");
});

Deno.test("one batch applies mistakes of several katas, each result in place", async () => {
  const mistakes = parseMistakes(
    "relu",
    page(section("ge_zero", GE_ZERO), section("negates", NEGATES)),
  );
  const edited = ANSWER.replace("cut off.", "cut.");
  const results = await applyEach([
    { kata: "relu", source: ANSWER, mistake: mistakes[1] },
    { kata: "relu2", source: edited, mistake: mistakes[0] },
    { kata: "relu3", source: ANSWER, mistake: mistakes[0] },
  ]);
  assertEquals(results[0], ANSWER.replace("? x", "? -x"));
  assertInstanceOf(results[1], MistakeError);
  assertStringIncludes(results[1].message, 'relu2: mistake "ge_zero"');
  assertEquals(results[2], ANSWER.replace("x > 0", "x >= 0"));
  assertEquals(await applyEach([]), []);
  assertEquals(await applyMistakes("relu", ANSWER, mistakes), [
    ANSWER.replace("x > 0", "x >= 0"),
    ANSWER.replace("? x", "? -x"),
  ]);
  const e = await applyMistakes("relu", edited, mistakes).catch((e) => e);
  assertInstanceOf(e, MistakeError);
  assertStringIncludes(e.message, '"ge_zero" no longer applies');
});

Deno.test("malformed pages are rejected with what is wrong", () => {
  rejects("## ge_zero\n", 'must start with "# Classic mistakes: <title>"');
  rejects(page(), 'has no "## " mistake');
  rejects(page("## ge_zero\n\nNo diff here.\n"), '"ge_zero" has no ```diff');
  rejects(
    page(section("ge_zero", GE_ZERO), section("ge_zero", NEGATES)),
    '"ge_zero" appears twice',
  );
  rejects(page(section("GeZero", GE_ZERO)), '"GeZero" is not snake_case');
  rejects(page(section("ge_zero", GE_ZERO, "")), "has no description");
  rejects(
    page(
      section("ge_zero", GE_ZERO) + "```diff\n" + NEGATES.join("\n") +
        "\n```\n",
    ),
    "more than one fenced block",
  );
});

Deno.test("mistakenSource reads the page and the worked answer; an unknown name lists the known ones", async () => {
  const root = await Deno.makeTempDir();
  try {
    const kata: KataEntry = {
      name: "relu",
      title: "ReLU",
      book: "5.5",
      file: "relu.ts",
      spec: "relu_test.ts",
      uses: [],
    };
    assertEquals(await readMistakes(root, kata), []);
    await Deno.mkdir(join(root, "solutions", "relu"), { recursive: true });
    await Deno.writeTextFile(join(root, "solutions/relu/relu.ts"), ANSWER);
    await Deno.writeTextFile(
      join(root, "solutions/relu/MISTAKES.md"),
      page(section("ge_zero", GE_ZERO), section("negates", NEGATES)),
    );
    assertEquals(
      await mistakenSource(root, kata, "negates"),
      ANSWER.replace("? x", "? -x"),
    );
    const e = await mistakenSource(root, kata, "nope").catch((e) => e);
    assertStringIncludes(e.message, 'no mistake named "nope"');
    assertStringIncludes(e.message, "ge_zero, negates");
  } finally {
    await Deno.remove(root, { recursive: true });
  }
});
