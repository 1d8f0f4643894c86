import {
  assertStrictEquals,
  assertStringIncludes,
  assertThrows,
} from "./assert.ts";
import { assertIncludesAll, failure } from "./test_support.ts";
import { assertClose } from "./close.ts";
import {
  assertGradsUnchanged,
  assertMissingGradientThrows,
  assertNearMinimum,
  assertStartsAfresh,
  assertStatePerParameter,
  assertUpdatesInPlace,
  assertWrongShapeThrows,
  descend,
  type Optimizer,
  updateWithNewTensors,
} from "./optimizer.ts";
import { notImplemented, NotImplementedError } from "../not_implemented.ts";
import { type Tensor, tensor } from "../tensor.ts";

/** The one mistake a toy makes, or "none". */
type Flaw =
  | "none"
  | "stub"
  | "replaces" // puts a new tensor in params instead of updating in place
  | "ascends" // moves up the gradient
  | "writesGrads" // overwrites each gradient with its sign
  | "sharedState" // counts updates in one map shared by every toy
  | "oneState" // counts updates once for all names
  | "keyedByTensor" // counts updates per tensor object, not per name
  | "noCheck" // does not check grads
  | "lastDimCheck"; // accepts any gradient that broadcasts

const sharedCounts = new Map<string, number>();

/**
 * Sign descent with steps that shrink: each parameter moves by lr / n
 * against the sign of its gradient, n counting the updates of its name.
 * No kata's optimizer, but it has state per parameter like theirs.
 */
class Toy implements Optimizer {
  #counts = new Map<string, number>();
  #byTensor = new WeakMap<Tensor, number>();
  #all = 0;

  constructor(readonly flaw: Flaw = "none", readonly lr = 1) {}

  update(params: Record<string, Tensor>, grads: Record<string, Tensor>): void {
    if (this.flaw === "stub") notImplemented("toy", "Toy.update");
    if (this.flaw !== "noCheck") this.#check(params, grads);
    for (const [key, param] of Object.entries(params)) {
      const grad = grads[key];
      const n = this.#count(key, param);
      let sign = grad.map(Math.sign);
      if (this.flaw === "writesGrads") sign = grad.assignInPlace(sign);
      const step = sign.mul(this.lr / n);
      if (this.flaw === "replaces") params[key] = param.sub(step);
      else if (this.flaw === "ascends") param.addInPlace(step);
      else param.subInPlace(step);
    }
  }

  #count(key: string, param: Tensor): number {
    if (this.flaw === "oneState") return ++this.#all;
    if (this.flaw === "keyedByTensor") {
      const n = (this.#byTensor.get(param) ?? 0) + 1;
      this.#byTensor.set(param, n);
      return n;
    }
    const counts = this.flaw === "sharedState" ? sharedCounts : this.#counts;
    const n = (counts.get(key) ?? 0) + 1;
    counts.set(key, n);
    return n;
  }

  #check(params: Record<string, Tensor>, grads: Record<string, Tensor>) {
    for (const [key, param] of Object.entries(params)) {
      const grad = grads[key];
      if (grad === undefined) throw new Error(`no gradient for "${key}"`);
      const same = this.flaw === "lastDimCheck"
        ? grad.shape.at(-1) === param.shape.at(-1)
        : grad.shape.join() === param.shape.join();
      if (!same) throw new Error(`the gradient of "${key}" has another shape`);
    }
  }
}

Deno.test("descend walks f(x, y) = x²/20 + y² from (-7, 2) and returns each position", () => {
  // Signs of the gradient (x/10, 2y): (-1, +1) at each of these positions.
  assertClose(descend(new Toy(), 3), [
    [-6, 1],
    [-5.5, 0.5],
    [-5 - 1 / 6, 1 / 6],
  ], { rtol: 1e-12 });
  assertStrictEquals(descend(new Toy(), 0).length, 0);
});

Deno.test("assertNearMinimum passes below 1% of f(-7, 2) = 6.45 and fails above it", () => {
  assertNearMinimum([0, 0.25], "f = 0.0625");
  assertNearMinimum(descend(new Toy("none", 2), 30)[29], "Toy(2): 30 steps");
  assertIncludesAll(
    failure(() => assertNearMinimum([0, 0.26], "Toy: after 30 steps")),
    "Toy: after 30 steps f(0, 0.26) = 0.0676",
    "expected below 1% of f(-7, 2) = 6.45",
  );
  failure(() => assertNearMinimum([-7, 2], "at the start"));
  failure(() => assertNearMinimum(descend(new Toy("ascends"), 30)[29], "up"));
  assertStringIncludes(
    failure(() => assertNearMinimum([NaN, 0], "Toy: after 30 steps")),
    "f(NaN, 0)",
  );
  failure(() => assertNearMinimum([0, Infinity], "far away"));
});

Deno.test("assertStatePerParameter fails for one state shared by all names", () => {
  assertStatePerParameter(() => new Toy(), "Toy");
  assertIncludesAll(
    failure(() => assertStatePerParameter(() => new Toy("oneState"), "Toy")),
    "Toy.update on {W, b} for 3 steps, compared with one optimizer per parameter",
  );
});

Deno.test("updateWithNewTensors gives a new tensor each update and returns the last", () => {
  const start = tensor([0]);
  const w = updateWithNewTensors(new Toy(), start, [
    tensor([1]),
    tensor([1]),
    tensor([1]),
  ]);
  // State kept by name: steps 1, 1/2, 1/3. The caller's start is not touched.
  assertClose(w, [-1 - 1 / 2 - 1 / 3], { rtol: 1e-12 });
  assertClose(start, [0]);
  // State kept by tensor: every update is a first one.
  const byTensor = updateWithNewTensors(new Toy("keyedByTensor"), start, [
    tensor([1]),
    tensor([1]),
    tensor([1]),
  ]);
  assertClose(byTensor, [-3]);
});

Deno.test("assertStartsAfresh returns the first update and fails for state shared between optimizers", () => {
  assertClose(assertStartsAfresh(() => new Toy(), "Toy"), [-1, 1]);
  assertIncludesAll(
    failure(() => assertStartsAfresh(() => new Toy("sharedState"), "Toy(1)")),
    "the first update of a second Toy(1), after another made three",
  );
});

Deno.test("assertUpdatesInPlace returns the caller's tensor and fails for a replaced or unmoved one", () => {
  assertClose(assertUpdatesInPlace(new Toy("none", 0.5), "Toy(0.5)"), [
    [0.5, 1.5],
    [2.5, 3.5],
  ]);
  assertIncludesAll(
    failure(() => assertUpdatesInPlace(new Toy("replaces"), "Toy(1)")),
    "Toy(1).update replaced params.W with a new tensor",
  );
  assertIncludesAll(
    failure(() => assertUpdatesInPlace(new Toy("ascends"), "Toy(1)")),
    "the layer's W did not move down after Toy(1).update with dW = 2",
  );
});

Deno.test("assertGradsUnchanged fails for an update that writes into a gradient", () => {
  assertGradsUnchanged(new Toy(), "Toy");
  assertIncludesAll(
    failure(() => assertGradsUnchanged(new Toy("writesGrads"), "Toy(1)")),
    "Toy(1).update (step 1) changed its argument W",
  );
});

Deno.test("assertMissingGradientThrows fails for an update that does not check grads", () => {
  assertMissingGradientThrows(new Toy(), "Toy");
  assertIncludesAll(
    failure(() => assertMissingGradientThrows(new Toy("noCheck"), "Toy()")),
    "Toy().update with no gradient for b2 threw a TypeError",
    'names the parameter "b2"',
  );
});

Deno.test("assertWrongShapeThrows fails for a gradient of another shape, even one that broadcasts", () => {
  assertWrongShapeThrows(() => new Toy(), "Toy");
  assertIncludesAll(
    failure(() => assertWrongShapeThrows(() => new Toy("noCheck"), "Toy()")),
    "Toy().update with W1 of shape [2, 3] and its gradient of shape [3, 2]",
  );
  assertIncludesAll(
    failure(() =>
      assertWrongShapeThrows(() => new Toy("lastDimCheck"), "Toy()")
    ),
    "Toy().update with W1 of shape [2, 3] and its gradient of shape [3] should throw",
    "did not throw",
  );
});

Deno.test("every helper lets a NotImplementedError through", () => {
  const stub = () => new Toy("stub");
  const calls: (() => unknown)[] = [
    () => descend(stub(), 1),
    () => assertStatePerParameter(stub, "stub"),
    () => updateWithNewTensors(stub(), tensor([0]), [tensor([1])]),
    () => assertStartsAfresh(stub, "stub"),
    () => assertUpdatesInPlace(stub(), "stub"),
    () => assertGradsUnchanged(stub(), "stub"),
    () => assertMissingGradientThrows(stub(), "stub"),
    () => assertWrongShapeThrows(stub, "stub"),
  ];
  for (const call of calls) assertThrows(call, NotImplementedError);
});
