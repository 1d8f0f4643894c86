import {
  assertEquals,
  assertStringIncludes,
  assertThrows,
} from "../testing/assert.ts";
import { applyPatch, DiffSyntaxError, parsePatch } from "./unified_diff.ts";

const TEXT = "a\nb\nc\nd\ne\n";

Deno.test("a hunk's header and lines are parsed, a missing count meaning 1", () => {
  assertEquals(parsePatch("@@ -2 +2,2 @@\n-b\n+x\n+y\n"), {
    hunks: [{
      oldStart: 2,
      oldLines: 1,
      newStart: 2,
      newLines: 2,
      lines: ["-b", "+x", "+y"],
    }],
  });
});

Deno.test("an empty line within a hunk is an empty context line", () => {
  const { hunks } = parsePatch("@@ -1,3 +1,3 @@\n a\n\n-c\n+d\n");
  assertEquals(hunks[0].lines, [" a", " ", "-c", "+d"]);
  assertEquals(applyPatch("a\n\nc\n", { hunks }), "a\n\nd\n");
});

Deno.test("text without a hunk header has no hunks", () => {
  assertEquals(parsePatch("-a\n+b\n").hunks, []);
});

Deno.test("malformed hunks are rejected naming the line", () => {
  const short = assertThrows(
    () => parsePatch("@@ -1,2 +1,2 @@\n-a\n"),
    DiffSyntaxError,
  );
  assertStringIncludes(short.message, "hunk at line 1 has 1 old and 0 new");
  assertStringIncludes(short.message, "says 2 and 2");
  const long = assertThrows(
    () => parsePatch("@@ -1,1 +1,1 @@\n-a\n+b\n+c\n"),
    DiffSyntaxError,
  );
  assertStringIncludes(long.message, 'line 4 is outside any hunk: "+c"');
  const mark = assertThrows(
    () => parsePatch("@@ -1,1 +1,1 @@\n*a\n+b\n"),
    DiffSyntaxError,
  );
  assertStringIncludes(mark.message, "line 2 of the hunk at line 1");
  const early = assertThrows(
    () => parsePatch("@@ -1,2 +1,2 @@\n-a\n+b\n@@ -4,1 +4,1 @@\n-d\n+x\n"),
    DiffSyntaxError,
  );
  assertStringIncludes(early.message, "has 1 old and 1 new");
});

Deno.test("hunks apply in order, keeping the text between them", () => {
  const patch = parsePatch(
    "@@ -1,2 +1,2 @@\n a\n-b\n+B\n@@ -4,2 +4,3 @@\n d\n-e\n+E\n+F\n",
  );
  assertEquals(applyPatch(TEXT, patch), "a\nB\nc\nd\nE\nF\n");
});

Deno.test("a hunk applies where its lines are when the text above it moved, nearest its header's line", () => {
  const patch = parsePatch("@@ -3,1 +3,1 @@\n-x\n+y\n");
  assertEquals(
    applyPatch("x\nq\nq\nq\nq\nx\n", patch),
    "y\nq\nq\nq\nq\nx\n",
  );
  assertEquals(applyPatch("q\nq\nq\nx\nx\n", patch), "q\nq\nq\ny\nx\n");
});

Deno.test("a hunk that only adds lines adds them after the line its header names", () => {
  const patch = parsePatch("@@ -2,0 +3,1 @@\n+new\n");
  assertEquals(applyPatch(TEXT, patch), "a\nb\nnew\nc\nd\ne\n");
});

Deno.test("no fuzz: a changed context or removed line means the patch does not apply", () => {
  const patch = parsePatch("@@ -2,2 +2,2 @@\n b\n-c\n+C\n");
  assertEquals(applyPatch(TEXT, patch), "a\nb\nC\nd\ne\n");
  assertEquals(applyPatch("a\nb\nX\nd\ne\n", patch), undefined);
  assertEquals(applyPatch("a\nB\nc\nd\ne\n", patch), undefined);
});

Deno.test("a hunk never applies before the one before it ended", () => {
  const patch = parsePatch(
    "@@ -2,1 +2,1 @@\n-b\n+B\n@@ -1,1 +1,1 @@\n-a\n+A\n",
  );
  assertEquals(applyPatch(TEXT, patch), undefined);
});

Deno.test("a text without a final newline keeps it that way", () => {
  const patch = parsePatch("@@ -2,1 +2,1 @@\n-b\n+B\n");
  assertEquals(applyPatch("a\nb", patch), "a\nB");
});
