import { join } from "node:path";
import {
  assert,
  assertEquals,
  assertStringIncludes,
} from "../testing/assert.ts";
import { type HuntEntry, loadManifest } from "./manifest.ts";
import { MistakeError } from "./mistakes.ts";
import { samplesOf } from "./test_samples.ts";
import { writeWrongLayers } from "./wrong_layers.ts";

// testdata/hunt_repo/: a kata `double` and a hunt of it with two wrong layers.
const samples = samplesOf(import.meta.url);
const granted = (["read", "write"] as const).every((name) =>
  Deno.permissions.querySync({ name }).state === "granted"
);

function repoTest(name: string, fn: (root: string) => Promise<void>): void {
  Deno.test({
    name,
    ignore: !granted,
    fn: async () => {
      const root = await samples.copy("hunt_repo");
      try {
        await fn(root);
      } finally {
        await Deno.remove(root, { recursive: true });
      }
    },
  });
}

async function huntIn(root: string) {
  const manifest = await loadManifest(root);
  return { manifest, hunt: manifest.katas[1] as HuntEntry };
}

repoTest(
  "writeWrongLayers writes each wrong layer beside the hunted kata's scratch twin, with its title",
  async (root) => {
    const { manifest, hunt } = await huntIn(root);
    const layers = await writeWrongLayers(root, manifest, hunt, ".s");
    assertEquals(layers.map((l) => [l.name, l.title, l.path]), [
      ["adds", "Right only at 2.", ".s/double/adds.wrong.ts"],
      ["squares", "Right only at 0 and 2.", ".s/double/squares.wrong.ts"],
    ]);
    assertStringIncludes(
      await Deno.readTextFile(join(root, ".s/double/squares.wrong.ts")),
      "  return x * x;",
    );
  },
);

repoTest(
  "writeWrongLayers names the hunt and the wrong layer whose diff no longer applies",
  async (root) => {
    const { manifest, hunt } = await huntIn(root);
    const answer = join(root, "solutions/double/double.ts");
    await Deno.writeTextFile(
      answer,
      (await Deno.readTextFile(answer)).replace("2 * x", "x + x"),
    );
    const e = await writeWrongLayers(root, manifest, hunt, ".s").then(
      () => undefined,
      (e) => e,
    );
    assert(e instanceof MistakeError, String(e));
    assertStringIncludes(e.message, 'double_bug_hunt: mistake "adds"');
  },
);

repoTest(
  "writeWrongLayers writes nothing for a hunt without its page",
  async (root) => {
    const { manifest, hunt } = await huntIn(root);
    await Deno.remove(join(root, "solutions/double_bug_hunt/WRONG_LAYERS.md"));
    assertEquals(await writeWrongLayers(root, manifest, hunt, ".s"), []);
  },
);
