/**
 * The hot paths of the katas, at the sizes the katas use, as workloads that
 * `deno bench` (bench/*_bench.ts) and the side-by-side comparison
 * (bench/compare.ts) both run. Every input is drawn from a seeded generator or
 * taken from the real MNIST digits (the committed sample, black and white),
 * so that every peer computes on the very same numbers.
 *
 * @module
 */

import { Tensor, where } from "../lib/tensor.ts";
import { Rng } from "../lib/random.ts";
import { mnistSample } from "../lib/data/mnist_sample.ts";
import { col2im, im2col } from "../solutions/im2col/im2col.ts";
import { TwoLayerNet } from "../solutions/two_layer_net/two_layer_net.ts";
import { SimpleConvNet } from "../solutions/simple_conv_net/simple_conv_net.ts";

/** Named tensors: a workload's inputs, or its outputs. */
export type Tensors = Record<string, Tensor>;

/** One timed piece of work, described once for every peer. */
export interface Workload {
  /** A short name, shared with bench/compare_numpy.py. */
  id: string;
  /** What the comparison table prints. */
  label: string;
  /** The inputs, the same numbers for every peer. */
  inputs: Tensors;
  /** Floating-point operations per run, where a rate means something. */
  flops?: number;
  /**
   * Returns a fresh run of the workload with our toolkit: a function doing
   * the work once and returning its outputs, their elements copied out in
   * order (see {@link workloads}). Training steps update their own copy of
   * the parameters, so each call of `prepare` starts afresh.
   */
  prepare(): () => Tensors;
}

/** The batch every training workload uses, as in the katas. */
export const BATCH = 100;
/** The learning rate of the SGD steps. */
export const LEARNING_RATE = 0.1;

function normal(shape: number[], seed: number): Tensor {
  return Tensor.randn(shape, new Rng(seed));
}

function matmulWorkload(n: number, k: number, m: number): Workload {
  const a = normal([n, k], n * 7 + k);
  const b = normal([k, m], m * 11 + k);
  return {
    id: `matmul_${n}x${k}x${m}`,
    label: `matmul ${n}x${k} · ${k}x${m}`,
    inputs: { a, b },
    flops: 2 * n * k * m,
    prepare: () => () => ({ out: a.matmul(b) }),
  };
}

/** The first {@link BATCH} training digits and their labels (0 to 9). */
function mnistBatch(): { x: Tensor; t: Tensor } {
  const { xTrain, tTrain } = mnistSample();
  const rows = Array.from({ length: BATCH }, (_, i) => i);
  return { x: xTrain.rows(rows), t: tTrain.rows(rows) };
}

/** One SGD step of the training kata: gradient, then `p -= lr * grad`. */
function sgdStep(
  params: Tensors,
  gradient: () => Tensors,
): Tensors {
  const grads = gradient();
  for (const key of Object.keys(params)) {
    params[key].subInPlace(grads[key].mul(LEARNING_RATE));
  }
  return grads;
}

function twoLayerStep(): Workload {
  const { x, t } = mnistBatch();
  const net = () => new TwoLayerNet(784, 50, 10, new Rng(0));
  const { W1, b1, W2, b2 } = net().params;
  return {
    id: "two_layer_step",
    label: "TwoLayerNet step 784-50-10, batch 100",
    inputs: { x, t, W1, b1, W2, b2 },
    prepare() {
      const fresh = net();
      const params = { ...fresh.params };
      return () => sgdStep(params, () => ({ ...fresh.gradient(x, t) }));
    },
  };
}

function convNetStep(): Workload {
  const { x: flat, t } = mnistBatch();
  const x = flat.reshape(BATCH, 1, 28, 28);
  const net = () => new SimpleConvNet({ rng: new Rng(0) });
  const { W1, b1, W2, b2, W3, b3 } = net().params;
  return {
    id: "conv_net_step",
    label: "SimpleConvNet step 30x5x5/100/10, batch 100",
    inputs: { x, t, W1, b1, W2, b2, W3, b3 },
    prepare() {
      const fresh = net();
      const params = { ...fresh.params };
      return () => sgdStep(params, () => ({ ...fresh.gradient(x, t) }));
    },
  };
}

/** The images of one convolution layer's input: a batch of MNIST digits. */
function im2colWorkloads(): Workload[] {
  const images = mnistBatch().x.reshape(BATCH, 1, 28, 28);
  // 24 x 24 windows of 5 x 5 per image, as the SimpleConvNet's convolution.
  const col = normal([BATCH * 24 * 24, 25], 5);
  return [
    {
      id: "im2col",
      label: "im2col 100x1x28x28, 5x5 filters",
      inputs: { x: images },
      prepare: () => () => ({ col: im2col(images, 5, 5) }),
    },
    {
      id: "col2im",
      label: "col2im 57600x25 -> 100x1x28x28",
      inputs: { col },
      prepare: () => () => ({ x: col2im(col, [BATCH, 1, 28, 28], 5, 5) }),
    },
  ];
}

/**
 * The book's im2col loop written with the tensor's slices, as the worked
 * answers will be: for each filter position, one strided slice of the
 * images goes into one slice of the columns.
 */
function im2colBySlices(x: Tensor, fh: number, fw: number): Tensor {
  const [n, c, h, w] = x.shape;
  const [oh, ow] = [h - fh + 1, w - fw + 1];
  const col = Tensor.zeros([n, c, fh, fw, oh, ow]);
  for (let y = 0; y < fh; y++) {
    for (let z = 0; z < fw; z++) {
      col.setSliceInPlace(
        [null, null, y, z],
        x.slice(null, null, [y, y + oh], [z, z + ow]),
      );
    }
  }
  return col.transpose(0, 4, 5, 1, 2, 3).reshape(n * oh * ow, -1);
}

/** The book's col2im loop with slices: each filter position adds back. */
function col2imBySlices(
  col: Tensor,
  shape: number[],
  fh: number,
  fw: number,
): Tensor {
  const [n, c, h, w] = shape;
  const [oh, ow] = [h - fh + 1, w - fw + 1];
  const cols = col.reshape(n, oh, ow, c, fh, fw).transpose(0, 3, 4, 5, 1, 2);
  const img = Tensor.zeros(shape);
  for (let y = 0; y < fh; y++) {
    for (let z = 0; z < fw; z++) {
      img.addSliceInPlace(
        [null, null, [y, y + oh], [z, z + ow]],
        cols.slice(null, null, y, z),
      );
    }
  }
  return img;
}

/** The slicing operations at the sizes of the SimpleConvNet kata. */
function sliceWorkloads(): Workload[] {
  const images = mnistBatch().x.reshape(BATCH, 1, 28, 28);
  const col = normal([BATCH * 24 * 24, 25], 5);
  const data = normal([10 * BATCH, 784], 6);
  // The ReLU after the convolution: 100 x 30 x 24 x 24 values.
  const conv = normal([BATCH * 30, 576], 7);
  // Max pooling's backward pass: the gradient goes to each window's argmax.
  const windows = normal([BATCH * 12 * 12 * 30, 4], 3);
  const dout = normal([BATCH * 12 * 12 * 30], 8);
  return [
    {
      id: "slice_rows",
      label: "slice rows 300:400 of 1000x784 (a copy)",
      inputs: { x: data },
      prepare: () => () => ({ out: data.slice([3 * BATCH, 4 * BATCH]) }),
    },
    {
      id: "pad_images",
      label: "pad 100x1x28x28 by 2 on each side",
      inputs: { x: images },
      prepare: () => () => ({
        out: images.pad([[0, 0], [0, 0], [2, 2], [2, 2]]),
      }),
    },
    {
      id: "im2col_slices",
      label: "im2col by slices (book's loop) 100x1x28x28, 5x5",
      inputs: { x: images },
      prepare: () => () => ({ col: im2colBySlices(images, 5, 5) }),
    },
    {
      id: "col2im_slices",
      label: "col2im by slices (book's loop) 57600x25 -> 100x1x28x28",
      inputs: { col },
      prepare: () => () => ({
        x: col2imBySlices(col, [BATCH, 1, 28, 28], 5, 5),
      }),
    },
    {
      id: "where_relu",
      label: "where(x > 0, x, 0) on 3000x576",
      inputs: { x: conv },
      prepare: () => () => ({ out: where(conv.gt(0), conv, 0) }),
    },
    {
      id: "pool_scatter",
      label: "argmax + per-row scatter of 432000x4 (pooling backward)",
      inputs: { windows, dout },
      prepare: () => () => ({
        out: Tensor.zeros(windows.shape).addPerRowInPlace(
          windows.argmax(1),
          dout,
        ),
      }),
    },
  ];
}

/**
 * `run`, then every output's elements read in order: a result that our
 * tensor leaves as a view (a transpose, a slice) is copied within the time
 * measured, as numpy's code copies it (numpy's `reshape` of a transpose,
 * its explicit `copy()` of a slice).
 */
function readingOutputs(run: () => Tensors): () => Tensors {
  return () => {
    const outputs = run();
    for (const t of Object.values(outputs)) t.data;
    return outputs;
  };
}

/**
 * Every workload, in the order of the comparison table: the tensor core's
 * operations first, then im2col, then whole training steps.
 */
export function workloads(): Workload[] {
  return [
    ...tensorWorkloads(),
    ...im2colWorkloads(),
    ...sliceWorkloads(),
    twoLayerStep(),
    convNetStep(),
  ]
    .map((w) => ({ ...w, prepare: () => readingOutputs(w.prepare()) }));
}

/** The tensor core's operations at the katas' sizes. */
function tensorWorkloads(): Workload[] {
  const x = normal([BATCH, 784], 1);
  const bias = normal([784], 2);
  // The pooling layer's columns: one row per (image, window, channel) of
  // 2 x 2 windows over the convolution's 30 x 24 x 24 output.
  const windows = normal([BATCH * 12 * 12 * 30, 4], 3);
  return [
    matmulWorkload(BATCH, 784, 50),
    matmulWorkload(256, 256, 256),
    matmulWorkload(512, 512, 512),
    {
      id: "add_row",
      label: "add 100x784 + 784 (broadcast)",
      inputs: { x, bias },
      prepare: () => () => ({ out: x.add(bias) }),
    },
    {
      id: "sum_axis0",
      label: "sum over axis 0 of 100x784",
      inputs: { x },
      prepare: () => () => ({ out: x.sum(0) }),
    },
    {
      id: "max_axis1",
      label: "max over axis 1 of 432000x4",
      inputs: { windows },
      prepare: () => () => ({ out: windows.max(1) }),
    },
  ];
}
