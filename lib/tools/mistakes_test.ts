import {
  assertEquals,
  assertStringIncludes,
  assertThrows,
} from "../testing/assert.ts";
import {
  applyMistake,
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
  assertEquals(mistakes[0].patch.hunks.length, 1);
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

Deno.test("a mistake applies exactly, even when lines above it have moved", () => {
  const [m] = parseMistakes("relu", page(section("ge_zero", GE_ZERO)));
  assertEquals(
    applyMistake("relu", ANSWER, m),
    ANSWER.replace("x > 0", "x >= 0"),
  );
  const moved = "// a new first line\n" + ANSWER;
  assertEquals(
    applyMistake("relu", moved, m),
    moved.replace("x > 0", "x >= 0"),
  );
});

Deno.test("a hunk that no longer applies names the kata, the mistake and the first line that did not match", () => {
  const [m] = parseMistakes("relu", page(section("ge_zero", GE_ZERO)));
  const edited = ANSWER.replace("  return x > 0", "  return x < 0");
  const e = assertThrows(() => applyMistake("relu", edited, m), MistakeError);
  assertStringIncludes(e.message, "relu: ");
  assertStringIncludes(e.message, '"ge_zero" no longer applies');
  assertStringIncludes(
    e.message,
    'at line 3 "  return x > 0 ? x : 0;", found "  return x < 0 ? x : 0;"',
  );
});

Deno.test("a changed context line is a mismatch too: no fuzz", () => {
  const [m] = parseMistakes("relu", page(section("ge_zero", GE_ZERO)));
  const edited = ANSWER.replace("cut off.", "cut.");
  const e = assertThrows(() => applyMistake("relu", edited, m), MistakeError);
  assertStringIncludes(
    e.message,
    'at line 2 "  // Zero and below are cut off."',
  );
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
  rejects(
    page(section("ge_zero", ["@@ -2,2 +2,2 @@", "-  return x;"])),
    '"ge_zero" has a malformed diff',
  );
  rejects(
    page(section("ge_zero", ["-  return x;", "+  return y;"])),
    "needs unified-diff hunks",
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
