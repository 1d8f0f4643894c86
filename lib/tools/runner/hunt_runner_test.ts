// End-to-end tests of the runner on a bug hunt: the copy of runner_test.ts
// (see temp_repo.ts) with a made-up hunt, scale_bug_hunt, after scale_layer
// (testdata/hunt/): three wrong versions of `scale`, which doubles.

import {
  assert,
  assertEquals,
  assertStringIncludes,
} from "../../testing/assert.ts";
import { TempRepo } from "./temp_repo.ts";

const granted = (["read", "write", "run", "env"] as const).every((name) =>
  Deno.permissions.querySync({ name }).state === "granted"
);

function e2e(name: string, fn: () => Promise<void>): void {
  Deno.test({ name, fn, ignore: !granted });
}

let shared: TempRepo | undefined;

async function repo(): Promise<TempRepo> {
  shared ??= await TempRepo.create(
    new URL("./testdata/hunt/", import.meta.url),
  );
  await shared.restore();
  return shared;
}

const SPEC = "katas/scale_bug_hunt/scale_hunt_test.ts";

/** A learner's spec with one test per `[input, expected]` pair. */
function spec(...cases: [number, number][]): string {
  return [
    'import { scale } from "../scale_layer/scale.ts";',
    'import { assertClose, tensor, timeLimit } from "../../lib/testing/mod.ts";',
    ...cases.map(([x, y]) =>
      `Deno.test("scale(${x}) is ${y}", timeLimit, () => {\n` +
      `  assertClose(scale(tensor([${x}])), [${y}]);\n});`
    ),
  ].join("\n") + "\n";
}

/** Collapses the screen's line breaks, to match a wrapped sentence. */
const flat = (text: string) => text.replace(/\s+/g, " ");

e2e("a hunt's shipped stub has no tests: not started", async () => {
  const r = await repo();
  const { code, stdout } = await r.run(["kata", "scale_bug_hunt"]);
  assertEquals(code, 1, stdout);
  assertStringIncludes(stdout, "Kata 3 of 5: Bug hunt: Scale, book 5.4");
  assertStringIncludes(stdout, "NOT STARTED  Your spec has no tests yet.");
  assertStringIncludes(
    flat(stdout),
    "against the correct Scale layer and then against 3 wrong ones",
  );
  assertStringIncludes(stdout, `Edit  ${SPEC}`);
});

e2e(
  "a spec that fails the correct layer is said to be wrong, with its failing test",
  async () => {
    const r = await repo();
    // The learner's own scale is still the stub: the correct layer is the worked answer's.
    await r.write(SPEC, spec([3, 6], [1, 3]));
    const { stdout } = await r.run(["kata", "scale_bug_hunt"]);
    assertStringIncludes(
      flat(stdout),
      "SPEC IS WRONG It is your spec that is wrong: it fails the correct Scale layer. The failing test:",
    );
    assertStringIncludes(stdout, "scale(1) is 3");
    assertStringIncludes(stdout, "actual 2, expected 3");
    assert(!stdout.includes("wrong layers"), stdout);
  },
);

e2e(
  "a spec that passes the correct layer hears how many wrong layers it catches and the titles of the others, never their code",
  async () => {
    const r = await repo();
    await r.write(SPEC, spec([3, 6]));
    const { code, stdout } = await r.run(["kata", "scale_bug_hunt"]);
    assertEquals(code, 1, stdout);
    assertStringIncludes(
      flat(stdout),
      "HUNTING Your spec passes the correct layer; it catches 2 of 3 wrong layers; still passing: changes its argument.",
    );
    assert(!stdout.includes("mulInPlace"), stdout);
    const summary = JSON.parse((await r.run(["progress", "--json"])).stdout);
    const hunt = summary.katas.find((k: { name: string }) =>
      k.name === "scale_bug_hunt"
    );
    assertEquals([hunt.status, hunt.bugHunt], ["failing", {
      caught: 2,
      total: 3,
    }]);
  },
);

e2e(
  "mistakes shows the wrong layers a spec catches in full and the others by title; --try runs the spec against one",
  async () => {
    const r = await repo();
    await r.write(SPEC, spec([3, 6]));
    const list = await r.run(["mistakes", "scale_bug_hunt"]);
    assertEquals(list.code, 0, list.stdout + list.stderr);
    assertStringIncludes(list.stdout, "(your spec catches 2 of 3):");
    assertStringIncludes(list.stdout, "Wrong layer: adds_two");
    assertStringIncludes(list.stdout, "+  return x.add(2);");
    assertStringIncludes(
      list.stdout,
      "doubles_in_place (still passing)\n    Changes its argument.",
    );
    assert(!list.stdout.includes("mulInPlace"), list.stdout);
    assert(!list.stdout.includes("one_value"), "weak specs wait until solved");
    const refused = await r.run([
      "mistakes",
      "scale_bug_hunt",
      "doubles_in_place",
    ]);
    assertEquals(refused.code, 1);
    assertStringIncludes(
      flat(refused.stdout),
      'Wrong layer doubles_in_place ("Changes its argument.") is shown once your spec catches it',
    );
    assert(!refused.stdout.includes("mulInPlace"), refused.stdout);
    const tried = await r.run([
      "mistakes",
      "scale_bug_hunt",
      "doubles_in_place",
      "--try",
    ]);
    assertStringIncludes(
      flat(tried.stdout),
      "Your one test passes against it: it is still passing.",
    );
    assert(!tried.stdout.includes("mulInPlace"), tried.stdout);
    const caught = await r.run([
      "mistakes",
      "scale_bug_hunt",
      "squares",
      "--try",
    ]);
    assertStringIncludes(caught.stdout, "+  return x.mul(x);");
    assertStringIncludes(
      flat(caught.stdout),
      "Your spec catches it: 1 of your 1 tests fail against it: scale(3) is 6.",
    );
    const forced = await r.run([
      "mistakes",
      "scale_bug_hunt",
      "doubles_in_place",
      "--force",
    ]);
    assertStringIncludes(forced.stdout, "+  return x.mulInPlace(2);");
    const weak = await r.run([
      "mistakes",
      "scale_bug_hunt",
      "one_value",
      "--try",
    ]);
    assertEquals(weak.code, 2);
    assertStringIncludes(flat(weak.stderr), "one_value is a weak spec");
  },
);

e2e(
  "a spec that catches every wrong layer solves the hunt, and its weak specs are shown",
  async () => {
    const r = await repo();
    await r.solve("scale_bug_hunt", "scale_hunt_test.ts");
    const { code, stdout } = await r.run(["kata", "scale_bug_hunt"]);
    assertEquals(code, 0, stdout);
    assertStringIncludes(
      stdout,
      "SOLVED  Your spec passes the correct layer and catches all 3 wrong layers.",
    );
    const list = await r.run(["mistakes", "scale_bug_hunt"]);
    assertStringIncludes(list.stdout, "+  return x.mulInPlace(2);");
    assertStringIncludes(
      list.stdout,
      "Weak specs, from solutions/scale_bug_hunt/MISTAKES.md:",
    );
    assertStringIncludes(list.stdout, "one_value\n    Checks scale at 2 only.");
    const { stdout: listed } = await r.run(["list"]);
    assertStringIncludes(listed, "  3  solved       Bug hunt: Scale");
  },
);

e2e(
  "a hunt's verdict is remembered until the spec, the correct layer or the wrong layers change",
  async () => {
    const r = await repo();
    await r.write(SPEC, spec([3, 6]));
    await r.run(["kata", "scale_bug_hunt"]);
    // A verdict recalled, not rechecked, shows what the cache says.
    const verdicts = ".katas/verdicts/scale_bug_hunt.json";
    const cached = JSON.parse(await r.read(verdicts));
    cached.verdict.hunt.stillPassing[0].title = "A title from the cache.";
    await r.write(verdicts, JSON.stringify(cached));
    const recalled = await r.run(["kata", "scale_bug_hunt"]);
    assertStringIncludes(
      flat(recalled.stdout),
      "still passing: a title from the cache.",
    );
    const page = "solutions/scale_bug_hunt/WRONG_LAYERS.md";
    const wrong = await r.read(page);
    try {
      // Without this wrong layer, the spec catches all that are left.
      await r.write(page, wrong.slice(0, wrong.indexOf("## doubles_in_place")));
      const { stdout } = await r.run(["kata", "scale_bug_hunt"]);
      assertStringIncludes(stdout, "catches all 1 wrong layers");
    } finally {
      await r.write(page, wrong);
    }
  },
);

e2e("removing the shared copy", async () => {
  await shared?.remove();
});
