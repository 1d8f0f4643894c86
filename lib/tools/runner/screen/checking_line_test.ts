import { assertEquals } from "../../../testing/assert.ts";
import {
  CHECKING_DELAY_MS,
  type Schedule,
  whileChecking,
} from "./checking_line.ts";

/** A schedule whose timers fire only when the test says. */
function manual() {
  const timers: { fn: () => void; ms: number; cancelled: boolean }[] = [];
  const schedule: Schedule = (fn, ms) => {
    const timer = { fn, ms, cancelled: false };
    timers.push(timer);
    return () => (timer.cancelled = true);
  };
  const fire = () => timers.filter((t) => !t.cancelled).forEach((t) => t.fn());
  return { schedule, fire, timers };
}

Deno.test("a check that ends before the delay shows no line", async () => {
  const shown: string[] = [];
  const clock = manual();
  await whileChecking(
    (t) => shown.push(t),
    "checking ...",
    () => Promise.resolve(),
    clock.schedule,
  );
  clock.fire();
  assertEquals(shown, []);
  assertEquals(clock.timers[0].ms, CHECKING_DELAY_MS);
});

Deno.test("a slow check shows the line, then clears it even when the check fails", async () => {
  const shown: string[] = [];
  const clock = manual();
  const failed = await whileChecking(
    (t) => shown.push(t),
    "checking relu_layer ...",
    async () => {
      clock.fire();
      await Promise.resolve();
      throw new Error("spec crashed");
    },
    clock.schedule,
  ).then(() => undefined, (e: Error) => e.message);
  assertEquals(failed, "spec crashed");
  assertEquals(shown, ["checking relu_layer ...", ""]);
});
