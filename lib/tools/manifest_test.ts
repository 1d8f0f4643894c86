import {
  assert,
  assertEquals,
  assertStringIncludes,
  assertThrows,
} from "../testing/assert.ts";
import {
  dependenciesOf,
  isHunt,
  type KataEntry,
  loadManifest,
  ManifestError,
  parseManifest,
} from "./manifest.ts";
import { join } from "node:path";

function entry(name: string, uses: string[] = []): KataEntry {
  return {
    name,
    title: `The ${name} kata`,
    book: "5.5",
    file: `${name}.ts`,
    spec: `${name}_test.ts`,
    uses,
  };
}

/** Fails unless parsing `json` throws a ManifestError mentioning every part. */
function rejects(json: unknown, ...parts: string[]): void {
  const e = assertThrows(() => parseManifest(json), ManifestError);
  assertStringIncludes(e.message, "katas/manifest.json");
  for (const part of parts) assertStringIncludes(e.message, part);
}

function withKata(change: Record<string, unknown>): unknown {
  return {
    katas: [entry("relu_layer"), { ...entry("sigmoid_layer"), ...change }],
  };
}

Deno.test("parseManifest accepts a valid manifest and returns its katas in order", () => {
  const json = {
    $comment: "ignored",
    katas: [
      entry("relu_layer"),
      entry("affine_layer"),
      entry("two_layer_net", ["relu_layer", "affine_layer"]),
    ],
  };
  const m = parseManifest(json);
  assertEquals(m.katas.map((k) => k.name), [
    "relu_layer",
    "affine_layer",
    "two_layer_net",
  ]);
  assertEquals(
    m.katas[2],
    entry("two_layer_net", ["relu_layer", "affine_layer"]),
  );
  // The result is a copy: changing the input does not change it.
  json.katas[2].uses.push("x");
  assertEquals(m.katas[2].uses, ["relu_layer", "affine_layer"]);
});

Deno.test("parseManifest rejects a missing or empty kata list", () => {
  rejects({}, '"katas"');
  rejects({ katas: [] }, "non-empty");
  rejects({ katas: "relu" }, '"katas"');
  rejects(null, '"katas"');
  rejects([entry("a")], '"katas"');
});

Deno.test("parseManifest rejects a kata with a field missing or empty, naming both", () => {
  for (const field of ["name", "title", "book", "file", "spec"]) {
    const kata: Record<string, unknown> = { ...entry("sigmoid_layer") };
    delete kata[field];
    rejects({ katas: [entry("relu_layer"), kata] }, "kata #2", `"${field}"`);
    rejects(withKata({ [field]: "" }), "kata #2", `"${field}"`);
    rejects(withKata({ [field]: 3 }), "kata #2", `"${field}"`);
  }
  rejects(withKata({ uses: undefined }), "sigmoid_layer", '"uses"');
  rejects(withKata({ uses: "relu_layer" }), "sigmoid_layer", '"uses"');
  rejects({ katas: [entry("a"), null] }, "kata #2");
});

Deno.test("parseManifest rejects a name that is not lower-case words joined by _", () => {
  for (
    const name of [
      "Relu",
      "relu-layer",
      "relu layer",
      "_relu",
      "relu_",
      "relu__layer",
      "1relu",
    ]
  ) {
    rejects(withKata({ name }), "kata #2", '"name"', name);
  }
});

Deno.test("parseManifest rejects a file that is not a .ts file name", () => {
  for (
    const file of ["relu.js", "Relu.ts", "dir/relu.ts", "relu", "../relu.ts"]
  ) {
    rejects(withKata({ file }), "sigmoid_layer", '"file"');
  }
});

Deno.test("parseManifest rejects a spec that is not a *_test.ts file", () => {
  for (
    const spec of [
      "sigmoid.ts",
      "sigmoid.test.ts",
      "sigmoid_test.js",
      "dir/sigmoid_test.ts",
    ]
  ) {
    rejects(withKata({ spec }), "sigmoid_layer", '"spec"', "_test.ts");
  }
});

Deno.test("parseManifest rejects uses that name a later, unknown or the same kata", () => {
  rejects(
    { katas: [entry("relu_layer", ["sigmoid_layer"]), entry("sigmoid_layer")] },
    "relu_layer",
    '"uses"',
    "sigmoid_layer",
  );
  rejects(withKata({ uses: ["nope"] }), "sigmoid_layer", '"uses"', "nope");
  rejects(withKata({ uses: ["sigmoid_layer"] }), "sigmoid_layer", '"uses"');
  rejects(withKata({ uses: [1] }), "sigmoid_layer", '"uses"');
});

Deno.test("parseManifest rejects a name used twice", () => {
  rejects(
    { katas: [entry("relu_layer"), entry("relu_layer")] },
    "kata #2",
    "relu_layer",
    "twice",
  );
});

const hunt = {
  name: "sigmoid_bug_hunt",
  title: "Bug hunt: Sigmoid",
  book: "5.5.2",
  kind: "bug-hunt",
  target: "sigmoid_layer",
  file: "sigmoid_hunt_test.ts",
  spec: "sigmoid_hunt_test.ts",
  uses: ["sigmoid_layer"],
};

Deno.test("parseManifest keeps a bug hunt's kind and target, and an ordinary kata has neither", () => {
  const m = parseManifest({
    katas: [entry("sigmoid_layer"), hunt],
  });
  assertEquals(m.katas[1], hunt as KataEntry);
  assert(isHunt(m.katas[1]));
  assert(!isHunt(m.katas[0]));
  assertEquals(Object.keys(m.katas[0]).includes("kind"), false);
});

Deno.test("parseManifest rejects a bug hunt whose target is missing, later or unknown", () => {
  const { target: _, ...noTarget } = hunt;
  rejects(
    { katas: [entry("sigmoid_layer"), noTarget] },
    "kata #2 (sigmoid_bug_hunt)",
    '"target" must name a kata earlier',
  );
  rejects(
    { katas: [{ ...hunt, uses: [] }, entry("sigmoid_layer")] },
    "kata #1",
    '"target"',
    '"sigmoid_layer"',
  );
  rejects(
    { katas: [entry("sigmoid_layer"), { ...hunt, target: "sigmoid" }] },
    '"sigmoid"',
  );
  rejects(
    {
      katas: [entry("sigmoid_layer"), { ...hunt, target: "sigmoid_bug_hunt" }],
    },
    '"target"',
  );
});

Deno.test("parseManifest rejects an unknown kind, a target without kind, and a hunt whose file is not its spec", () => {
  rejects(
    { katas: [entry("sigmoid_layer"), { ...hunt, kind: "hunt" }] },
    '"kind" must be "bug-hunt" or absent, got "hunt"',
  );
  const { kind: _, ...noKind } = hunt;
  rejects(
    { katas: [entry("sigmoid_layer"), noKind] },
    '"target" belongs to a bug hunt',
  );
  rejects(
    { katas: [entry("sigmoid_layer"), { ...hunt, file: "sigmoid.ts" }] },
    "the learner's file is the spec",
    '"sigmoid.ts"',
  );
});

Deno.test("dependenciesOf lists direct and indirect dependencies in manifest order", () => {
  const m = parseManifest({
    katas: [
      entry("a"),
      entry("b"),
      entry("c", ["a"]),
      entry("d", ["c", "b"]),
      entry("e", ["d", "a"]),
      entry("f"),
    ],
  });
  assertEquals(dependenciesOf(m, "e"), ["a", "b", "c", "d"]);
  assertEquals(dependenciesOf(m, "d"), ["a", "b", "c"]);
  assertEquals(dependenciesOf(m, "c"), ["a"]);
  assertEquals(dependenciesOf(m, "f"), []);
  assertEquals(dependenciesOf(m, "unknown"), []);
});
// Reading files needs --allow-read (and the temporary folder --allow-write):
// the self-check grants them; a bare `deno test --doc lib/` skips these.
const granted = (name: "read" | "write") =>
  Deno.permissions.querySync({ name }).state === "granted";

Deno.test({
  name: "loadManifest reads the repository's real katas/manifest.json",
  ignore: !granted("read"),
}, async () => {
  const { katas } = await loadManifest(".");
  assert(katas.length > 0);
  assertEquals(new Set(katas.map((k) => k.name)).size, katas.length);
});

Deno.test({
  name: "loadManifest fails clearly for a missing file and for invalid JSON",
  ignore: !granted("read") || !granted("write"),
}, async () => {
  const root = await Deno.makeTempDir({ prefix: "manifest_test_" });
  try {
    const missing = await loadManifest(root).then(() => undefined, (e) => e);
    assert(missing instanceof ManifestError, String(missing));
    assertStringIncludes(missing.message, "cannot be read");
    await Deno.mkdir(join(root, "katas"));
    await Deno.writeTextFile(
      join(root, "katas", "manifest.json"),
      "{ katas: [",
    );
    const broken = await loadManifest(root).then(() => undefined, (e) => e);
    assert(broken instanceof ManifestError, String(broken));
    assertStringIncludes(broken.message, "not valid JSON");
    await Deno.writeTextFile(
      join(root, "katas", "manifest.json"),
      JSON.stringify({ katas: [entry("only")] }),
    );
    assertEquals((await loadManifest(root)).katas, [entry("only")]);
  } finally {
    await Deno.remove(root, { recursive: true });
  }
});
