import { assertEquals } from "../testing/assert.ts";
import { join } from "node:path";
import { sha256 } from "./content_hash.ts";
import {
  keepShippedCopies,
  SHIPPED_HASHES,
  shippedStub,
  shippedStubOf,
  shippedVersion,
} from "./shipped.ts";

const granted = (["read", "write", "run"] as const).every((name) =>
  Deno.permissions.querySync({ name }).state === "granted"
);

const STUB = 'export function f() {\n  notImplemented("k");\n}\n';
const SPEC = 'Deno.test("f", () => {});\n';
const manifest = {
  katas: [{
    name: "k",
    title: "K",
    book: "1",
    file: "k.ts",
    spec: "k_test.ts",
    uses: [],
  }],
};

/** A copy as a ZIP download gives it: no .git, the hashes in lib/tools/. */
async function zipCopy(): Promise<string> {
  const root = await Deno.makeTempDir({ prefix: "katas_zip_" });
  await Deno.mkdir(join(root, "katas/k"), { recursive: true });
  await Deno.mkdir(join(root, "lib/tools"), { recursive: true });
  await Deno.writeTextFile(join(root, "katas/k/k.ts"), STUB);
  await Deno.writeTextFile(join(root, "katas/k/k_test.ts"), SPEC);
  await Deno.writeTextFile(
    join(root, SHIPPED_HASHES),
    JSON.stringify({
      "katas/k/k.ts": await sha256(STUB),
      "katas/k/k_test.ts": await sha256(SPEC),
    }),
  );
  return root;
}

function zipTest(name: string, fn: (root: string) => Promise<void>): void {
  Deno.test({
    name,
    ignore: !granted,
    fn: async () => {
      const root = await zipCopy();
      try {
        await fn(root);
      } finally {
        await Deno.remove(root, { recursive: true });
      }
    },
  });
}

zipTest(
  "without git, the stub and spec are found by their hash while untouched, and from the copy kept before the learner changed them",
  async (root) => {
    assertEquals((await shippedStub(root, "katas/k/k.ts"))?.text, STUB);
    await keepShippedCopies(root, manifest);
    await Deno.writeTextFile(join(root, "katas/k/k.ts"), "export const f = 1;");
    await Deno.remove(join(root, "katas/k/k_test.ts"));
    assertEquals((await shippedStub(root, "katas/k/k.ts"))?.text, STUB);
    assertEquals((await shippedVersion(root, "katas/k/k_test.ts"))?.text, SPEC);
  },
);

zipTest(
  "without git or a kept copy, a stub changed but still calling the marker is not taken for the shipped one",
  async (root) => {
    const partly = STUB.replace("export", "// begun\nexport");
    await Deno.writeTextFile(join(root, "katas/k/k.ts"), partly);
    assertEquals(await shippedStub(root, "katas/k/k.ts"), undefined);
    await keepShippedCopies(root, manifest);
    assertEquals(await shippedStub(root, "katas/k/k.ts"), undefined);
  },
);

zipTest(
  "a download with Windows line endings is still as shipped",
  async (root) => {
    await Deno.writeTextFile(
      join(root, "katas/k/k_test.ts"),
      SPEC.replace(/\n/g, "\r\n"),
    );
    assertEquals(
      (await shippedVersion(root, "katas/k/k_test.ts"))?.source,
      "working tree, as shipped",
    );
  },
);

zipTest(
  "a bug hunt's stub, a spec with no test and no marker, is found as its shipped version; an ordinary kata's needs the marker",
  async (root) => {
    const hunt = {
      ...manifest.katas[0],
      file: "k_test.ts",
      kind: "bug-hunt" as const,
      target: "j",
    };
    assertEquals((await shippedStubOf(root, hunt))?.text, SPEC);
    assertEquals((await shippedStubOf(root, manifest.katas[0]))?.text, STUB);
    await Deno.writeTextFile(join(root, "katas/k/k_test.ts"), "// mine\n");
    assertEquals(await shippedStubOf(root, hunt), undefined);
  },
);
