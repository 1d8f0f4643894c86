import { assertEquals } from "../testing/assert.ts";
import { transposeMatrices, transposeMatrix } from "./transpose.ts";

Deno.test("transposeMatrix matches a naive loop for sizes on and across the tile edges", () => {
  for (const rows of [0, 1, 2, 15, 16, 17, 33, 50]) {
    for (const cols of [0, 1, 3, 16, 17, 40]) {
      const x = Float64Array.from({ length: rows * cols }, (_, i) => i + 0.5);
      const want: number[] = [];
      for (let j = 0; j < cols; j++) {
        for (let i = 0; i < rows; i++) want.push(x[i * cols + j]);
      }
      assertEquals(
        [...transposeMatrix(x, rows, cols)],
        want,
        `${rows} x ${cols}`,
      );
    }
  }
});

Deno.test("transposeMatrices transposes each matrix of a batch on its own", () => {
  for (
    const [batch, rows, cols] of [[0, 3, 4], [1, 17, 5], [3, 2, 33], [
      4,
      16,
      16,
    ]]
  ) {
    const x = Float64Array.from(
      { length: batch * rows * cols },
      (_, i) => i - 0.5,
    );
    const want: number[] = [];
    for (let b = 0; b < batch; b++) {
      for (let j = 0; j < cols; j++) {
        for (let i = 0; i < rows; i++) want.push(x[(b * rows + i) * cols + j]);
      }
    }
    assertEquals(
      [...transposeMatrices(x, batch, rows, cols)],
      want,
      `${batch} of ${rows} x ${cols}`,
    );
  }
});
