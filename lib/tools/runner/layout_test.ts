import { assertEquals } from "../../testing/assert.ts";

const COMMANDS_DIR = new URL("./commands/", import.meta.url);

// Reading the sources needs --allow-read (and the second test's temporary
// folder --allow-write): the self-check grants them; a bare
// `deno test --doc lib/` skips these tests.
const granted = (name: "read" | "write") =>
  Deno.permissions.querySync({ name }).state === "granted";

/** The table gathers the commands; every other module of commands/ stands alone. */
const TABLE = "mod.ts";

/** The relative specifiers `source` imports or re-exports, statically or dynamically. */
function relativeImports(source: string): string[] {
  const specifiers = [
    ...source.matchAll(
      /^\s*(?:import|export)\b[^"']*?\bfrom\s*["']([^"']+)["']/gm,
    ),
    ...source.matchAll(/^\s*import\s*["']([^"']+)["']/gm),
    ...source.matchAll(/\bimport\(\s*["']([^"']+)["']\s*\)/g),
  ].map((m) => m[1]);
  return specifiers.filter((s) => s.startsWith("."));
}

/** For each module of `dir` but the table, the modules of `dir` it imports. */
async function crossImports(dir: URL): Promise<string[]> {
  const found: string[] = [];
  for await (const entry of Deno.readDir(dir)) {
    const name = entry.name;
    if (!name.endsWith(".ts") || name === TABLE || name.endsWith("_test.ts")) {
      continue;
    }
    const source = await Deno.readTextFile(new URL(name, dir));
    for (const specifier of relativeImports(source)) {
      const target = new URL(specifier, new URL(name, dir)).href;
      if (target.startsWith(dir.href)) {
        found.push(`${name} imports ${specifier}`);
      }
    }
  }
  return found.sort();
}

Deno.test({
  name:
    "no command module imports another: what two commands share lives in checking/, screen/ or state/",
  ignore: !granted("read"),
}, async () => {
  assertEquals(await crossImports(COMMANDS_DIR), []);
});

Deno.test({
  name:
    "the import rule sees static, re-exported and dynamic imports of a sibling",
  ignore: !granted("read") || !granted("write"),
}, async () => {
  const dir = await Deno.makeTempDir();
  try {
    const url = new URL(`file://${dir}/`);
    const files: Record<string, string> = {
      "a.ts": 'import { b } from "./b.ts";\nexport const a = b;\n',
      "b.ts": 'export * from "../elsewhere.ts";\nexport const b = 1;\n',
      "c.ts": 'export { b } from "./b.ts";\nawait import("./a.ts");\n',
      [TABLE]: 'import "./a.ts";\n',
    };
    for (const [name, text] of Object.entries(files)) {
      await Deno.writeTextFile(new URL(name, url), text);
    }
    assertEquals(await crossImports(url), [
      "a.ts imports ./b.ts",
      "c.ts imports ./a.ts",
      "c.ts imports ./b.ts",
    ]);
  } finally {
    await Deno.remove(dir, { recursive: true });
  }
});
