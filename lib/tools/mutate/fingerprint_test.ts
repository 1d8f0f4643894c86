import { assertEquals, assertNotEquals } from "../../testing/assert.ts";
import { dirname, join } from "node:path";
import { parseManifest } from "../manifest.ts";
import { contextHash, scoredFiles } from "./fingerprint.ts";
import { hashText } from "./record.ts";

// These tests write a small repository in a temporary folder; without read
// and write permissions they are skipped, so a bare `deno test --doc lib/`
// stays clean (the self-check grants them).
const granted = (["read", "write"] as const).every((name) =>
  Deno.permissions.querySync({ name }).state === "granted"
);

const entry = (name: string, uses: string[]) => ({
  name,
  title: name,
  book: "5",
  file: `${name}.ts`,
  spec: `${name}_test.ts`,
  uses,
});
const manifest = parseManifest({
  katas: [entry("a", []), entry("b", ["a"]), {
    ...entry("b_bug_hunt", ["b"]),
    file: "b_hunt_test.ts",
    spec: "b_hunt_test.ts",
    kind: "bug-hunt",
    target: "b",
  }],
});
const [a, b, hunt] = manifest.katas;

async function withRepo(fn: (root: string) => Promise<void>): Promise<void> {
  const root = await Deno.makeTempDir({ prefix: "mutate_fingerprint_" });
  const files: Record<string, string> = {
    "solutions/a/a.ts": "export const a = 1;\n",
    "katas/a/a_test.ts": "// spec of a\n",
    "solutions/b/b.ts": "export const b = 2;\n",
    "katas/b/b_test.ts": "// spec of b\n",
    "solutions/b_bug_hunt/b_hunt_test.ts": "// worked hunt of b\n",
    "lib/tensor.ts": "export class Tensor {}\n",
    "lib/tensor_test.ts": "// a test of the toolkit\n",
    "lib/testdata/table.json": "[]\n",
    "lib/tools/runner/main.ts": "// a tool\n",
  };
  try {
    for (const [path, text] of Object.entries(files)) {
      await Deno.mkdir(join(root, dirname(path)), { recursive: true });
      await Deno.writeTextFile(join(root, path), text);
    }
    await fn(root);
  } finally {
    await Deno.remove(root, { recursive: true });
  }
}

Deno.test({
  name:
    "scoredFiles hashes the answer, the spec and the answers used, and the equivalents file once there is one",
  ignore: !granted,
  fn: () =>
    withRepo(async (root) => {
      assertEquals(await scoredFiles(root, manifest, b), {
        "solutions/b/b.ts": await hashText("export const b = 2;\n"),
        "katas/b/b_test.ts": await hashText("// spec of b\n"),
        "solutions/a/a.ts": await hashText("export const a = 1;\n"),
      });
      await Deno.writeTextFile(
        join(root, "solutions/b/EQUIVALENT_MUTANTS.md"),
        "# none yet\n",
      );
      assertEquals(
        (await scoredFiles(root, manifest, b))[
          "solutions/b/EQUIVALENT_MUTANTS.md"
        ],
        await hashText("# none yet\n"),
      );
    }),
});

Deno.test({
  name:
    "contextHash changes with the spec, the toolkit and the answers used, not with the answer, the tools or the toolkit's tests",
  ignore: !granted,
  fn: () =>
    withRepo(async (root) => {
      const edited = async (path: string, kata = b) => {
        const old = await Deno.readTextFile(join(root, path));
        await Deno.writeTextFile(join(root, path), old + "// edited\n");
        const hash = await contextHash(root, manifest, kata);
        await Deno.writeTextFile(join(root, path), old);
        return hash;
      };
      const before = await contextHash(root, manifest, b);
      assertEquals(await edited("solutions/b/b.ts"), before);
      assertEquals(await edited("lib/tools/runner/main.ts"), before);
      assertEquals(await edited("lib/tensor_test.ts"), before);
      assertEquals(await edited("lib/testdata/table.json"), before);
      assertNotEquals(await edited("katas/b/b_test.ts"), before);
      assertNotEquals(await edited("lib/tensor.ts"), before);
      assertNotEquals(await edited("solutions/a/a.ts"), before);
      // Kata a uses nothing, so b's answer is no part of a's context.
      const ofA = await contextHash(root, manifest, a);
      assertEquals(await edited("solutions/b/b.ts", a), ofA);
    }),
});

Deno.test({
  name:
    "a bug hunt is scored by its target's answer and its worked spec; the mutated answer is no part of its context",
  ignore: !granted,
  fn: () =>
    withRepo(async (root) => {
      assertEquals(await scoredFiles(root, manifest, hunt), {
        "solutions/b/b.ts": await hashText("export const b = 2;\n"),
        "solutions/b_bug_hunt/b_hunt_test.ts": await hashText(
          "// worked hunt of b\n",
        ),
        "solutions/a/a.ts": await hashText("export const a = 1;\n"),
      });
      const before = await contextHash(root, manifest, hunt);
      await Deno.writeTextFile(join(root, "solutions/b/b.ts"), "// edited\n");
      assertEquals(await contextHash(root, manifest, hunt), before);
      await Deno.writeTextFile(
        join(root, "solutions/b_bug_hunt/b_hunt_test.ts"),
        "// edited\n",
      );
      assertNotEquals(await contextHash(root, manifest, hunt), before);
    }),
});
