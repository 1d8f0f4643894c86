import { double } from "../double/double.ts";
Deno.test("double(3) is 6", () => {
  if (double(3) !== 6) throw new Error("got " + double(3));
});
