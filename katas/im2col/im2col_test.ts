import { col2im, convOutputSize, im2col } from "./im2col.ts";
import {
  assertClose,
  assertEquals,
  assertFresh,
  assertStringIncludes,
  assertThrows,
  assertUnchanged,
  Rng,
  Tensor,
  tensor,
  timeLimit,
} from "../../lib/testing/mod.ts";

/** x[n, c, h, w] = 1000n + 100c + 10h + w: every pixel says where it is. */
function labelled(shape: [number, number, number, number]): Tensor {
  const [n, c, h, w] = shape;
  const x = Tensor.zeros(shape);
  for (let i = 0; i < n; i++) {
    for (let j = 0; j < c; j++) {
      for (let y = 0; y < h; y++) {
        for (let z = 0; z < w; z++) {
          x.setInPlace([i, j, y, z], 1000 * i + 100 * j + 10 * y + z);
        }
      }
    }
  }
  return x;
}

function sumOfProducts(a: Tensor, b: Tensor): number {
  let s = 0;
  for (let i = 0; i < a.size; i++) s += a.data[i] * b.data[i];
  return s;
}

/**
 * im2col straight from its definition, one entry at a time: row
 * (n, oh, ow), column (c, fh, fw) holds pixel (n, c, oh*stride + fh - pad,
 * ow*stride + fw - pad) of x, or 0 where that falls on the padding.
 */
function im2colByDefinition(
  x: Tensor,
  fh: number,
  fw: number,
  stride: number,
  pad: number,
): Tensor {
  const [n, c, h, w] = x.shape;
  const outH = Math.floor((h + 2 * pad - fh) / stride) + 1;
  const outW = Math.floor((w + 2 * pad - fw) / stride) + 1;
  const col = Tensor.zeros([n * outH * outW, c * fh * fw]);
  for (let i = 0; i < n; i++) {
    for (let oy = 0; oy < outH; oy++) {
      for (let ox = 0; ox < outW; ox++) {
        for (let ch = 0; ch < c; ch++) {
          for (let p = 0; p < fh; p++) {
            for (let q = 0; q < fw; q++) {
              const y = oy * stride + p - pad;
              const z = ox * stride + q - pad;
              if (y >= 0 && y < h && z >= 0 && z < w) {
                col.setInPlace(
                  [(i * outH + oy) * outW + ox, (ch * fh + p) * fw + q],
                  x.get(i, ch, y, z),
                );
              }
            }
          }
        }
      }
    }
  }
  return col;
}

/** Batches, channels, non-square images and filters, strides and padding. */
const MIXED_CASES: [number[], number, number, number, number][] = [
  [[1, 1, 5, 5], 3, 3, 1, 0],
  [[2, 3, 5, 4], 3, 2, 2, 1],
  [[3, 2, 7, 6], 2, 4, 3, 2],
  [[2, 2, 6, 6], 4, 4, 1, 1],
];

Deno.test(
  "im2col leaves its input unchanged and returns a new tensor",
  timeLimit,
  () => {
    const x = Tensor.uniform([1, 1, 2, 2], new Rng(5));
    // A 2x2 filter over a 2x2 image: one row holding exactly the input.
    const col = assertUnchanged({ x }, () => im2col(x, 2, 2), "im2col");
    assertFresh(col, { x }, "im2col");
    const y = Tensor.uniform([2, 3, 5, 5], new Rng(6));
    assertUnchanged({ y }, () => im2col(y, 3, 3, 2, 1), "im2col");
  },
);

Deno.test(
  "col2im leaves col and the shape it is given unchanged and returns a new tensor",
  timeLimit,
  () => {
    const col = Tensor.uniform([1, 4], new Rng(7));
    const shape = [1, 1, 2, 2];
    const dx = assertUnchanged(
      { col },
      () => col2im(col, shape, 2, 2),
      "col2im",
    );
    assertFresh(dx, { col }, "col2im");
    assertEquals(shape, [1, 1, 2, 2], "col2im changed its inputShape argument");
    const big = Tensor.uniform([2 * 3 * 3, 3 * 9], new Rng(8));
    assertUnchanged(
      { big },
      () => col2im(big, [2, 3, 5, 5], 3, 3, 2, 1),
      "col2im",
    );
  },
);

Deno.test(
  "convOutputSize gives the book's three examples (book 7.2.5)",
  timeLimit,
  () => {
    // Input 4x4, padding 1, stride 1, filter 3x3 -> 4x4.
    assertEquals(convOutputSize(4, 3, 1, 1), 4, "convOutputSize(4, 3, 1, 1)");
    // Input 7x7, padding 0, stride 2, filter 3x3 -> 3x3.
    assertEquals(convOutputSize(7, 3, 2, 0), 3, "convOutputSize(7, 3, 2, 0)");
    // Input 28x31, padding 2, stride 3, filter 5x5 -> 10x11.
    assertEquals(
      convOutputSize(28, 5, 3, 2),
      10,
      "convOutputSize(28, 5, 3, 2)",
    );
    assertEquals(
      convOutputSize(31, 5, 3, 2),
      11,
      "convOutputSize(31, 5, 3, 2)",
    );
  },
);

Deno.test(
  "convOutputSize defaults to stride 1 and no padding, and rounds down when the stride does not divide",
  timeLimit,
  () => {
    assertEquals(convOutputSize(7, 5), 3, "convOutputSize(7, 5)");
    assertEquals(convOutputSize(5, 5), 1, "convOutputSize(5, 5)");
    // (6 - 3) / 2 = 1.5: the last window that fits starts at 2, so 2 windows.
    assertEquals(convOutputSize(6, 3, 2), 2, "convOutputSize(6, 3, 2)");
    // (8 + 2 - 2) / 3 = 2.67: windows start at 0, 3 and 6.
    assertEquals(convOutputSize(8, 2, 3, 1), 3, "convOutputSize(8, 2, 3, 1)");
  },
);

Deno.test(
  "convOutputSize throws a RangeError naming the sizes when the filter does not fit",
  timeLimit,
  () => {
    const error = assertThrows(
      () => convOutputSize(3, 5),
      RangeError,
      undefined,
      "convOutputSize(3, 5)",
    );
    assertStringIncludes(
      error.message,
      "3",
      "the message names the input size",
    );
    assertStringIncludes(
      error.message,
      "5",
      "the message names the filter size",
    );
    // With padding 1 the same filter fits: 1 + (3 + 2 - 5) / 1 = 1.
    assertEquals(convOutputSize(3, 5, 1, 1), 1, "convOutputSize(3, 5, 1, 1)");
  },
);

Deno.test(
  "convOutputSize throws a RangeError when the output size would be exactly 0",
  timeLimit,
  () => {
    // 1 + floor((4 - 5) / 1) = 0: a filter one pixel too large.
    assertThrows(
      () => convOutputSize(4, 5),
      RangeError,
      undefined,
      "convOutputSize(4, 5)",
    );
    // 1 + floor((4 + 2 - 7) / 2) = 0 with padding and stride as well.
    assertThrows(
      () => convOutputSize(4, 7, 2, 1),
      RangeError,
      undefined,
      "convOutputSize(4, 7, 2, 1)",
    );
  },
);

Deno.test(
  "convOutputSize rejects sizes that are not whole numbers, a stride below 1 and a negative padding, naming the argument",
  timeLimit,
  () => {
    const cases: [number[], string][] = [
      [[4.5, 3], "inputSize"],
      [[0, 1], "inputSize"],
      [[4, 0], "filterSize"],
      [[4, 2.5], "filterSize"],
      [[4, 3, 0], "stride"],
      [[4, 3, 1.5], "stride"],
      [[4, 3, 1, -1], "pad"],
      [[4, 3, 1, 0.5], "pad"],
    ];
    for (const [args, name] of cases) {
      const call = `convOutputSize(${args.join(", ")})`;
      const error = assertThrows(
        () => convOutputSize(...(args as [number, number])),
        RangeError,
        undefined,
        call,
      );
      assertStringIncludes(error.message, name, `${call}: the message`);
    }
  },
);

Deno.test(
  "im2col gives the book's shapes: [1,3,7,7] with 5x5 filters -> [9,75], [10,3,7,7] -> [90,75] (book 7.4.3)",
  timeLimit,
  () => {
    const rng = new Rng(1);
    const x1 = Tensor.uniform([1, 3, 7, 7], rng);
    assertEquals(im2col(x1, 5, 5, 1, 0).shape, [9, 75], "im2col(x1, 5, 5)");
    const x2 = Tensor.uniform([10, 3, 7, 7], rng);
    assertEquals(im2col(x2, 5, 5, 1, 0).shape, [90, 75], "im2col(x2, 5, 5)");
  },
);

Deno.test(
  "im2col turns each 2x2 window of a 3x3 image into one row, windows in reading order",
  timeLimit,
  () => {
    const x = tensor([[[[1, 2, 3], [4, 5, 6], [7, 8, 9]]]]);
    assertClose(
      im2col(x, 2, 2),
      [
        [1, 2, 4, 5],
        [2, 3, 5, 6],
        [4, 5, 7, 8],
        [5, 6, 8, 9],
      ],
      { msg: "im2col([[1 2 3] [4 5 6] [7 8 9]], 2x2 filter)" },
    );
  },
);

Deno.test(
  "im2col pads with zeros and moves the window by the stride",
  timeLimit,
  () => {
    // Padded to 5x5; a 2x2 window at stride 2 starts at rows and columns 0, 2.
    const x = tensor([[[[1, 2, 3], [4, 5, 6], [7, 8, 9]]]]);
    assertClose(
      im2col(x, 2, 2, 2, 1),
      [
        [0, 0, 0, 1],
        [0, 0, 2, 3],
        [0, 4, 0, 7],
        [5, 6, 8, 9],
      ],
      { msg: "im2col([[1 2 3] [4 5 6] [7 8 9]], 2x2 filter, stride 2, pad 1)" },
    );
  },
);

Deno.test(
  "im2col keeps height and width apart for a non-square image and filter",
  timeLimit,
  () => {
    // 3x5 image, 2x3 filter: 2x3 windows of 6 pixels each.
    const x = tensor([[[
      [1, 2, 3, 4, 5],
      [6, 7, 8, 9, 10],
      [11, 12, 13, 14, 15],
    ]]]);
    assertClose(
      im2col(x, 2, 3),
      [
        [1, 2, 3, 6, 7, 8],
        [2, 3, 4, 7, 8, 9],
        [3, 4, 5, 8, 9, 10],
        [6, 7, 8, 11, 12, 13],
        [7, 8, 9, 12, 13, 14],
        [8, 9, 10, 13, 14, 15],
      ],
      { msg: "im2col(3x5 image, 2x3 filter)" },
    );
  },
);

Deno.test(
  "im2col orders rows by (image, window row, window column) and columns by (channel, filter row, filter column)",
  timeLimit,
  () => {
    // 2 images of 2 channels of 3x3, 2x2 filter: 2 * 2 * 2 = 8 rows of
    // 2 * 2 * 2 = 8 columns. Pixel value 1000n + 100c + 10h + w.
    const col = im2col(labelled([2, 2, 3, 3]), 2, 2);
    assertEquals(col.shape, [8, 8], "im2col(x [2,2,3,3], 2x2) shape");
    const row = (r: number) => col.reshape(8, 8).rows([r]);
    // Row 0: image 0, window at (0, 0): channel 0's 2x2 block, then channel 1's.
    assertClose(row(0), [[0, 1, 10, 11, 100, 101, 110, 111]], {
      msg: "im2col(x [2,2,3,3], 2x2): row 0 (image 0, window (0, 0))",
    });
    // Row 5: image 1, window at (0, 1).
    assertClose(row(5), [[1001, 1002, 1011, 1012, 1101, 1102, 1111, 1112]], {
      msg: "im2col(x [2,2,3,3], 2x2): row 5 (image 1, window (0, 1))",
    });
    // Row 6: image 1, window at (1, 0).
    assertClose(row(6), [[1010, 1011, 1020, 1021, 1110, 1111, 1120, 1121]], {
      msg: "im2col(x [2,2,3,3], 2x2): row 6 (image 1, window (1, 0))",
    });
  },
);

Deno.test(
  "im2col with a 1x1 filter lists each pixel's channels, one row per pixel",
  timeLimit,
  () => {
    const x = Tensor.uniform([2, 3, 4, 5], new Rng(2));
    assertClose(im2col(x, 1, 1), x.transpose(0, 2, 3, 1).reshape(-1, 3), {
      msg: "im2col(x [2,3,4,5], 1x1 filter)",
    });
  },
);

Deno.test(
  "im2col skips the last rows and columns that no whole window reaches",
  timeLimit,
  () => {
    // 1 + floor((4 - 2) / 3) = 1 window each way: only the top-left 2x2.
    const x = labelled([1, 1, 4, 5]);
    assertClose(im2col(x, 2, 2, 3), [[0, 1, 10, 11], [3, 4, 13, 14]], {
      msg: "im2col(x [1,1,4,5], 2x2 filter, stride 3)",
    });
  },
);

Deno.test(
  "im2col matches its definition entry by entry for batches, channels, strides, padding and non-square sizes",
  timeLimit,
  () => {
    const rng = new Rng(9);
    for (const [shape, fh, fw, stride, pad] of MIXED_CASES) {
      // Random values: every pixel is different and none equals the padding.
      const x = Tensor.randn(shape, rng);
      assertClose(
        im2col(x, fh, fw, stride, pad),
        im2colByDefinition(x, fh, fw, stride, pad),
        {
          msg:
            `im2col(x [${shape}], ${fh}x${fw} filter, stride ${stride}, pad ${pad})`,
        },
      );
    }
  },
);

Deno.test(
  "im2col throws a RangeError when the filter is larger than the padded image",
  timeLimit,
  () => {
    assertThrows(
      () => im2col(Tensor.zeros([1, 1, 3, 3]), 5, 5),
      RangeError,
      undefined,
      "im2col(x [1,1,3,3], 5x5 filter)",
    );
  },
);

Deno.test(
  "im2col with a filter as large as the image gives one row per image: the whole image",
  timeLimit,
  () => {
    const x = labelled([2, 2, 2, 3]);
    assertClose(im2col(x, 2, 3), x.reshape(2, 12), {
      msg: "im2col(x [2,2,2,3], 2x3 filter)",
    });
    // With padding 1 and stride 2, a 4x5 window fits exactly once.
    assertClose(
      im2col(x, 4, 5, 2, 1),
      im2colByDefinition(x, 4, 5, 2, 1),
      { msg: "im2col(x [2,2,2,3], 4x5 filter, stride 2, pad 1)" },
    );
  },
);

Deno.test(
  "im2col and col2im reject images that are not 4-D [N, C, H, W]",
  timeLimit,
  () => {
    const error = assertThrows(
      () => im2col(Tensor.zeros([3, 3]), 2, 2),
      RangeError,
      undefined,
      "im2col(x [3,3], 2x2 filter)",
    );
    for (const part of ["im2col", "[3, 3]"]) {
      assertStringIncludes(
        error.message,
        part,
        "im2col(x [3,3], 2x2 filter): the message",
      );
    }
    const colError = assertThrows(
      () => col2im(Tensor.zeros([4, 4]), [1, 3, 3], 2, 2),
      RangeError,
      undefined,
      "col2im(col [4,4], [1,3,3], 2x2 filter)",
    );
    for (const part of ["col2im", "[1, 3, 3]"]) {
      assertStringIncludes(
        colError.message,
        part,
        "col2im(col [4,4], [1,3,3], 2x2 filter): the message",
      );
    }
  },
);

Deno.test(
  "col2im rejects a column matrix whose shape does not match the images and filter",
  timeLimit,
  () => {
    // [1,1,3,3] with 2x2 filters, stride 1: 4 windows of 4 pixels, [4, 4].
    // [2, 8] has as many elements but is not that matrix.
    const error = assertThrows(
      () => col2im(Tensor.zeros([2, 8]), [1, 1, 3, 3], 2, 2),
      RangeError,
      undefined,
      "col2im(col [2,8], [1,1,3,3], 2x2 filter)",
    );
    for (const part of ["col2im", "[2, 8]", "[1, 1, 3, 3]", "2x2", "[4, 4]"]) {
      assertStringIncludes(
        error.message,
        part,
        "col2im(col [2,8], [1,1,3,3], 2x2 filter): the message",
      );
    }
    assertThrows(
      () => col2im(Tensor.zeros([4, 5]), [1, 1, 3, 3], 2, 2),
      RangeError,
      undefined,
      "col2im(col [4,5], [1,1,3,3], 2x2 filter)",
    );
    assertThrows(
      () => col2im(Tensor.zeros([16]), [1, 1, 3, 3], 2, 2),
      RangeError,
      undefined,
      "col2im(col [16], [1,1,3,3], 2x2 filter)",
    );
    assertThrows(
      () => col2im(Tensor.zeros([5, 4]), [1, 1, 3, 3], 2, 2),
      RangeError,
      undefined,
      "col2im(col [5,4], [1,1,3,3], 2x2 filter)",
    );
    assertThrows(
      () => col2im(Tensor.zeros([4, 4, 1]), [1, 1, 3, 3], 2, 2),
      RangeError,
      undefined,
      "col2im(col [4,4,1], [1,1,3,3], 2x2 filter)",
    );
  },
);

Deno.test(
  "col2im adds up the windows that overlap on a pixel",
  timeLimit,
  () => {
    // Each of the four 2x2 windows of a 3x3 image sends 1 to its pixels:
    // the centre is under all four, the corners under one.
    const dx = col2im(Tensor.ones([4, 4]), [1, 1, 3, 3], 2, 2);
    assertClose(dx, [[[[1, 2, 1], [2, 4, 2], [1, 2, 1]]]], {
      msg: "col2im(ones [4,4], [1,1,3,3], 2x2 filter)",
    });
  },
);

Deno.test(
  "col2im drops what lands on the padding and returns the unpadded shape",
  timeLimit,
  () => {
    // 3x3 windows over a 3x3 image padded by 1: nine windows; a corner pixel
    // is under 4 of them, an edge pixel under 6, the centre under all 9.
    const dx = col2im(Tensor.ones([9, 9]), [1, 1, 3, 3], 3, 3, 1, 1);
    assertClose(dx, [[[[4, 6, 4], [6, 9, 6], [4, 6, 4]]]], {
      msg: "col2im(ones [9,9], [1,1,3,3], 3x3 filter, stride 1, pad 1)",
    });
  },
);

Deno.test(
  "col2im puts each value of a hand-made column matrix where im2col took it from",
  timeLimit,
  () => {
    // The windows of the padded, stride-2 example above, with distinct values.
    const col = tensor([
      [1, 2, 3, 4],
      [5, 6, 7, 8],
      [9, 10, 11, 12],
      [13, 14, 15, 16],
    ]);
    // Pixel (0, 0) is under window 0 (as its last element, 4) only; pixel
    // (1, 1) under window 3 (its first, 13) only; and so on.
    assertClose(
      col2im(col, [1, 1, 3, 3], 2, 2, 2, 1),
      [[[[4, 7, 8], [10, 13, 14], [12, 15, 16]]]],
      { msg: "col2im(col [4,4], [1,1,3,3], 2x2 filter, stride 2, pad 1)" },
    );
  },
);

Deno.test(
  "col2im undoes im2col when the windows neither overlap nor leave gaps",
  timeLimit,
  () => {
    const x = Tensor.uniform([2, 3, 4, 6], new Rng(3));
    assertClose(col2im(im2col(x, 2, 2, 2), x.shape, 2, 2, 2), x, {
      msg: "col2im(im2col(x [2,3,4,6], 2x2, stride 2)): should give x back",
    });
  },
);

Deno.test(
  "col2im is the adjoint of im2col: <im2col(x), c> = <x, col2im(c)> for random x and c",
  timeLimit,
  () => {
    const rng = new Rng(4);
    for (const [shape, fh, fw, stride, pad] of MIXED_CASES) {
      const x = Tensor.randn(shape, rng);
      const col = im2col(x, fh, fw, stride, pad);
      const c = Tensor.randn(col.shape, rng);
      const dx = col2im(c, shape, fh, fw, stride, pad);
      const what =
        `x [${shape}], ${fh}x${fw} filter, stride ${stride}, pad ${pad}`;
      assertEquals(dx.shape, shape, `col2im shape for ${what}`);
      // Both sides are the same sum of products in another order: only
      // rounding differs.
      assertClose(sumOfProducts(x, dx), sumOfProducts(col, c), {
        rtol: 1e-10,
        msg: `<x, col2im(c)> vs <im2col(x), c> for ${what}`,
      });
    }
  },
);
