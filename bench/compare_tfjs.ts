/**
 * The workloads of bench/workloads.ts written with TensorFlow.js and its
 * pure-JavaScript CPU backend, the library a learner would otherwise pick.
 * TensorFlow.js computes in float32; the comparison's tolerance allows for it.
 *
 * @module
 */

import * as tf from "npm:@tensorflow/tfjs-core@4.22.0";
import "npm:@tensorflow/tfjs-backend-cpu@4.22.0";
import { Tensor } from "../lib/tensor.ts";
import { BATCH, LEARNING_RATE, type Tensors } from "./workloads.ts";

/** A workload prepared for TensorFlow.js. */
export interface TfjsRun {
  /** Does the work once: the part that is timed. */
  run(): void;
  /** The last run's outputs, in our layout (not timed). */
  outputs(): Tensors;
  /** Frees every tensor the run holds. */
  dispose(): void;
}

/** The version of TensorFlow.js, for the table's header. */
export const tfjsVersion: string = tf.version_core;

/** Selects the CPU backend; call once before {@link prepareTfjs}. */
export async function initTfjs(): Promise<void> {
  // The backend greets Node.js users with advice to install tfjs-node, which
  // does not apply here and would clutter the table.
  tf.env().set("IS_NODE", false);
  await tf.setBackend("cpu");
}

function toTf(t: Tensor): tf.Tensor {
  return tf.tensor(Float32Array.from(t.data), [...t.shape]);
}

function fromTf(t: tf.Tensor): Tensor {
  return new Tensor(Float64Array.from(t.dataSync()), t.shape);
}

/**
 * Keeps the latest outputs of a run that `compute` returns and frees the
 * ones before, so that repeated runs do not pile up memory.
 */
function holding(
  compute: () => Record<string, tf.Tensor>,
  toOurs: (out: Record<string, tf.Tensor>) => Tensors = (out) =>
    Object.fromEntries(
      Object.entries(out).map(([k, v]) => [k, fromTf(v)]),
    ),
  held: tf.Tensor[] = [],
): TfjsRun {
  let last: Record<string, tf.Tensor> = {};
  return {
    run() {
      tf.dispose(Object.values(last));
      last = compute();
    },
    outputs: () => toOurs(last),
    dispose() {
      tf.dispose([...Object.values(last), ...held]);
      last = {};
    },
  };
}

/** im2col the book's way: one strided slice per filter position, stacked. */
function im2col(x: tf.Tensor4D, fh: number, fw: number): tf.Tensor2D {
  const [n, c, h, w] = x.shape;
  const oh = h - fh + 1;
  const ow = w - fw + 1;
  const planes: tf.Tensor4D[] = [];
  for (let y = 0; y < fh; y++) {
    for (let z = 0; z < fw; z++) {
      planes.push(tf.slice(x, [0, 0, y, z], [n, c, oh, ow]));
    }
  }
  // [N, C, FH*FW, OH, OW] -> rows (n, oh, ow), columns (c, fh, fw).
  const stacked = tf.transpose(tf.stack(planes, 2), [0, 3, 4, 1, 2]);
  return tf.reshape(stacked, [n * oh * ow, c * fh * fw]);
}

/** col2im: each filter position's plane padded back into place, summed. */
function col2im(
  col: tf.Tensor2D,
  shape: [number, number, number, number],
  fh: number,
  fw: number,
): tf.Tensor4D {
  const [n, c, h, w] = shape;
  const oh = h - fh + 1;
  const ow = w - fw + 1;
  const planes = tf.transpose(
    tf.reshape(col, [n, oh, ow, c, fh * fw]),
    [4, 0, 3, 1, 2],
  );
  const parts: tf.Tensor4D[] = [];
  for (let y = 0; y < fh; y++) {
    for (let z = 0; z < fw; z++) {
      const plane = tf.reshape(
        tf.slice(planes, [y * fw + z], [1]),
        [n, c, oh, ow],
      ) as tf.Tensor4D;
      parts.push(tf.pad(plane, [[0, 0], [0, 0], [y, fh - 1 - y], [
        z,
        fw - 1 - z,
      ]]));
    }
  }
  return tf.addN(parts);
}

/**
 * The TwoLayerNet step with the same algorithm as the worked answers: the
 * layers' forward and backward passes written out with tfjs operations (dx
 * of the first Affine included, as Affine.backward computes it), then SGD.
 */
function twoLayerStep(inputs: Tensors): TfjsRun {
  const x = toTf(inputs.x);
  const labels = tf.tensor1d(Int32Array.from(inputs.t.data), "int32");
  const target = tf.oneHot(labels, 10);
  const params = ["W1", "b1", "W2", "b2"] as const;
  const v = Object.fromEntries(
    params.map((k) => [k, tf.variable(toTf(inputs[k]))]),
  ) as Record<(typeof params)[number], tf.Variable>;
  const compute = () =>
    tf.tidy(() => {
      const a1 = tf.add(tf.matMul(x, v.W1), v.b1);
      const h = tf.relu(a1);
      const y = tf.softmax(tf.add(tf.matMul(h, v.W2), v.b2));
      const loss = tf.neg(tf.mean(tf.sum(
        tf.mul(target, tf.log(tf.add(y, 1e-7))),
        1,
      )));
      const ds = tf.div(tf.sub(y, target), BATCH);
      const da1 = tf.mul(tf.matMul(ds, v.W2, false, true), tf.step(a1));
      const grads = {
        W1: tf.matMul(x, da1, true, false),
        b1: tf.sum(da1, 0),
        W2: tf.matMul(h, ds, true, false),
        b2: tf.sum(ds, 0),
      };
      // Unused, but Affine.backward computes it too: the same work.
      tf.matMul(da1, v.W1, false, true);
      for (const k of params) {
        v[k].assign(tf.sub(v[k], tf.mul(grads[k], LEARNING_RATE)));
      }
      return { ...grads, loss };
    });
  return holding(
    compute,
    undefined,
    [x, labels, target, ...Object.values(v)],
  );
}

/**
 * The SimpleConvNet step with TensorFlow.js's own convolution and pooling
 * kernels, in its NHWC layout (the inputs are moved to NHWC once, outside the
 * timed run). The backward pass is written out as for the TwoLayerNet, with
 * the kernels tfjs's autodiff would call (tfjs-core alone does not register
 * the gradients), dx of the convolution included, then SGD.
 */
function convNetStep(inputs: Tensors): TfjsRun {
  const [fn, c, fh, fw] = inputs.W1.shape;
  const x = tf.transpose(toTf(inputs.x), [0, 2, 3, 1]) as tf.Tensor4D;
  const labels = tf.tensor1d(Int32Array.from(inputs.t.data), "int32");
  const target = tf.oneHot(labels, 10);
  const ph = (x.shape[1] - fh + 1) / 2;
  const pw = (x.shape[2] - fw + 1) / 2;
  const hidden = inputs.W2.shape[1];
  // Our pooled features flatten as (fn, ph, pw); NHWC's as (ph, pw, fn).
  const toNhwcRows = (w: tf.Tensor) =>
    tf.reshape(
      tf.transpose(tf.reshape(w, [fn, ph, pw, hidden]), [1, 2, 0, 3]),
      [ph * pw * fn, hidden],
    );
  const v = {
    W1: tf.variable(tf.transpose(toTf(inputs.W1), [2, 3, 1, 0])),
    b1: tf.variable(toTf(inputs.b1)),
    W2: tf.variable(toNhwcRows(toTf(inputs.W2))),
    b2: tf.variable(toTf(inputs.b2)),
    W3: tf.variable(toTf(inputs.W3)),
    b3: tf.variable(toTf(inputs.b3)),
  };
  const compute = () =>
    tf.tidy(() => {
      const conv = tf.add(tf.conv2d(x, v.W1 as tf.Tensor4D, 1, "valid"), v.b1);
      const r1 = tf.relu(conv) as tf.Tensor4D;
      const pooled = tf.maxPool(r1, 2, 2, "valid");
      const flat = tf.reshape(pooled, [BATCH, -1]);
      const a2 = tf.add(tf.matMul(flat, v.W2), v.b2);
      const h = tf.relu(a2);
      const y = tf.softmax(tf.add(tf.matMul(h, v.W3), v.b3));
      const loss = tf.neg(tf.mean(tf.sum(
        tf.mul(target, tf.log(tf.add(y, 1e-7))),
        1,
      )));

      const ds = tf.div(tf.sub(y, target), BATCH);
      const da2 = tf.mul(tf.matMul(ds, v.W3, false, true), tf.step(a2));
      const dpooled = tf.reshape(
        tf.matMul(da2, v.W2, false, true),
        pooled.shape,
      );
      const dr1 = tf.engine().runKernel(
        "MaxPoolGrad",
        { dy: dpooled, input: r1, output: pooled },
        { filterSize: 2, strides: 2, pad: "valid" },
      ) as tf.Tensor4D;
      const dconv = tf.mul(dr1, tf.step(conv)) as tf.Tensor4D;
      const grads: Record<string, tf.Tensor> = {
        W1: tf.engine().runKernel(
          "Conv2DBackpropFilter",
          { x, dy: dconv },
          {
            strides: 1,
            pad: "valid",
            dataFormat: "NHWC",
            filterShape: [fh, fw, c, fn],
          },
        ) as tf.Tensor,
        b1: tf.sum(dconv, [0, 1, 2]),
        W2: tf.matMul(flat, da2, true, false),
        b2: tf.sum(da2, 0),
        W3: tf.matMul(h, ds, true, false),
        b3: tf.sum(ds, 0),
      };
      // Unused, but Convolution.backward computes it too: the same work.
      tf.conv2dTranspose(dconv, v.W1 as tf.Tensor4D, x.shape, 1, "valid");
      for (const [k, param] of Object.entries(v)) {
        param.assign(tf.sub(param, tf.mul(grads[k], LEARNING_RATE)));
      }
      return { ...grads, loss };
    });
  const toOurs = (out: Record<string, tf.Tensor>): Tensors => {
    const ours: Tensors = {};
    tf.tidy(() => {
      for (const [k, t] of Object.entries(out)) ours[k] = fromTf(t);
      ours.W1 = fromTf(tf.transpose(out.W1, [3, 2, 0, 1]));
      const w2 = tf.reshape(out.W2, [ph, pw, fn, hidden]);
      ours.W2 = fromTf(
        tf.reshape(tf.transpose(w2, [2, 0, 1, 3]), [fn * ph * pw, hidden]),
      );
    });
    return ours;
  };
  return holding(compute, toOurs, [x, labels, target, ...Object.values(v)]);
}

/** The workload `id` prepared for TensorFlow.js, with fresh parameters. */
export function prepareTfjs(id: string, inputs: Tensors): TfjsRun {
  const simple = (
    f: (t: Record<string, tf.Tensor>) => tf.Tensor,
    output = "out",
  ) => {
    const held = Object.fromEntries(
      Object.entries(inputs).map(([k, t]) => [k, toTf(t)]),
    );
    return holding(
      () => ({ [output]: f(held) }),
      undefined,
      Object.values(held),
    );
  };
  if (id.startsWith("matmul_")) return simple(({ a, b }) => tf.matMul(a, b));
  switch (id) {
    case "add_row":
      return simple(({ x, bias }) => tf.add(x, bias));
    case "sum_axis0":
      return simple(({ x }) => tf.sum(x, 0));
    case "max_axis1":
      return simple(({ windows }) => tf.max(windows, 1));
    case "slice_rows":
      return simple(({ x }) => tf.slice(x, [3 * BATCH, 0], [BATCH, -1]));
    case "pad_images":
      return simple(({ x }) => tf.pad(x, [[0, 0], [0, 0], [2, 2], [2, 2]]));
    case "where_relu":
      return simple(({ x }) =>
        tf.tidy(() => tf.where(tf.greater(x, 0), x, tf.zerosLike(x)))
      );
    case "pool_scatter":
      // tfjs has no scatter-add on the CPU backend's public API: a one-hot
      // mask of each argmax, times the gradient, gives the same array.
      return simple(({ windows, dout }) =>
        tf.tidy(() =>
          tf.mul(
            tf.oneHot(tf.argMax(windows, 1), 4),
            tf.expandDims(dout, 1),
          )
        )
      );
    case "im2col":
    case "im2col_slices":
      return simple(
        ({ x }) => tf.tidy(() => im2col(x as tf.Tensor4D, 5, 5)),
        "col",
      );
    case "col2im":
    case "col2im_slices":
      return simple(
        ({ col }) =>
          tf.tidy(() => col2im(col as tf.Tensor2D, [BATCH, 1, 28, 28], 5, 5)),
        "x",
      );
    case "two_layer_step":
      return twoLayerStep(inputs);
    case "conv_net_step":
      return convNetStep(inputs);
  }
  throw new Error(`compare_tfjs: no TensorFlow.js version of ${id}`);
}
