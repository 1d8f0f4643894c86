import { assert, assertEquals } from "../../../testing/assert.ts";
import { join } from "node:path";
import { ContentHasher, recalled, remember } from "./verdict_cache.ts";
import type { Verdict } from "./verdict.ts";

// Writing files needs write permission; the self-check grants it.
const granted = Deno.permissions.querySync({ name: "write" }).state ===
  "granted";

async function tree(files: Record<string, string>): Promise<string> {
  const root = await Deno.makeTempDir({ prefix: "verdict_cache_" });
  for (const [path, text] of Object.entries(files)) {
    await Deno.mkdir(join(root, path, ".."), { recursive: true });
    await Deno.writeTextFile(join(root, path), text);
  }
  return root;
}

const closure = (root: string, swap: Record<string, string> = {}) =>
  new ContentHasher(root).closure(["katas/b/b_test.ts"], swap);

Deno.test({
  name:
    "a key changes with any file the spec imports, through earlier katas and lib/, and with nothing else",
  ignore: !granted,
  fn: async () => {
    const root = await tree({
      "katas/b/b_test.ts": `import { b } from "./b.ts";`,
      "katas/b/b.ts": `import { a } from "../a/a.ts";`,
      "katas/a/a.ts": `import { t } from "../../lib/t.ts";`,
      "lib/t.ts": "export const t = 1;",
      "lib/unrelated.ts": "export const u = 1;",
      "solutions/a/a.ts": "export const a = 2;",
    });
    try {
      const before = await closure(root);
      assertEquals(await closure(root), before, "the same files, the same key");
      await Deno.writeTextFile(join(root, "lib/unrelated.ts"), "changed");
      assertEquals(await closure(root), before);
      await Deno.writeTextFile(join(root, "lib/t.ts"), "export const t = 2;");
      const edited = await closure(root);
      assert(edited !== before, "an edit two imports away is a new key");
      const swapped = await closure(root, {
        "katas/a/a.ts": "solutions/a/a.ts",
      });
      assert(swapped !== edited, "a worked answer swapped in is a new key");
      await Deno.writeTextFile(join(root, "lib/t.ts"), "export const t = 3;");
      assertEquals(
        await closure(root, { "katas/a/a.ts": "solutions/a/a.ts" }),
        swapped,
        "what the swapped-out file imported no longer counts",
      );
    } finally {
      await Deno.remove(root, { recursive: true });
    }
  },
});

Deno.test({
  name:
    "a remembered verdict comes back under its key only, and a timed-out one is not remembered",
  ignore: !granted,
  fn: async () => {
    const root = await tree({});
    const kata = {
      name: "k",
      title: "K",
      book: "1",
      file: "k.ts",
      spec: "k_test.ts",
      uses: [],
    };
    const verdict: Verdict = {
      kata,
      number: 1,
      status: "solved",
      passedTests: 3,
      totalTests: 3,
      otherFailures: [],
      problems: [],
      sandbox: false,
      unsolvedDependencies: [],
      usedSolutions: [],
      missingFile: false,
      editedSpec: false,
    };
    try {
      await remember(root, verdict, "key1");
      assertEquals((await recalled(root, kata, "key1"))?.passedTests, 3);
      assertEquals(await recalled(root, kata, "key2"), undefined);
      await remember(root, { ...verdict, timedOut: { seconds: 1 } }, "key2");
      assertEquals(await recalled(root, kata, "key2"), undefined);
    } finally {
      await Deno.remove(root, { recursive: true });
    }
  },
});
