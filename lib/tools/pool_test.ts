import { assertEquals } from "../testing/assert.ts";
import { pool } from "./pool.ts";

Deno.test("pool never runs more than its limit at once and keeps the jobs' order", async () => {
  let running = 0;
  let most = 0;
  const job = (ms: number, value: number) => async () => {
    running++;
    most = Math.max(most, running);
    await new Promise((r) => setTimeout(r, ms));
    running--;
    return value;
  };
  const out = await pool([job(15, 1), job(1, 2), job(5, 3), job(1, 4)], 2);
  assertEquals(out, [1, 2, 3, 4]);
  assertEquals(most, 2);
});

Deno.test("pool with no jobs gives no results", async () => {
  assertEquals(await pool([], 2), []);
});
