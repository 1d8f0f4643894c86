"""The workloads of bench/workloads.ts in numpy, for bench/compare.ts.

Usage: python3 bench/compare_numpy.py WORKDIR WORKLOAD_ID [--split]
       python3 bench/compare_numpy.py WORKDIR --info

WORKDIR/workloads.json names each workload's inputs (raw little-endian
float64 files beside it) and the timing settings. For the workload asked,
this script prints as JSON the seconds per run of each timed sample and where
it wrote its outputs (raw float64 files in WORKDIR), for the cross-check.
With --info it prints numpy's version, its BLAS and the CPU's clock. With
--split (the training steps) it prints instead the median seconds per step of
each layer's passes, of the matrix products and of the whole step, as
bench/split.ts measures ours. It exits with status 3 when numpy is missing.

The layers are written the way "Deep Learning from Scratch" computes them
with numpy: im2col by one strided slice per filter position, and a
convolution as one matrix product over its columns.
"""

import json
import os
import sys
import time

try:
    import numpy as np
except ImportError:
    print("numpy is not installed", file=sys.stderr)
    sys.exit(3)


# ------------------------------------------------------------------ layers

# The layers multiply matrices through this name, as the book writes np.dot,
# so that the --split mode can put a clock around every product.
dot = np.dot


def im2col(x, fh, fw, stride=1, pad=0):
    """Images [N, C, H, W] to rows (n, oh, ow) by columns (c, fh, fw)."""
    n, c, h, w = x.shape
    oh = (h + 2 * pad - fh) // stride + 1
    ow = (w + 2 * pad - fw) // stride + 1
    img = np.pad(x, [(0, 0), (0, 0), (pad, pad), (pad, pad)]) if pad else x
    col = np.empty((n, c, fh, fw, oh, ow))
    # One slice per filter position copies that position of every window.
    for y in range(fh):
        for z in range(fw):
            col[:, :, y, z] = img[:, :, y:y + stride * oh:stride,
                                  z:z + stride * ow:stride]
    return col.transpose(0, 4, 5, 1, 2, 3).reshape(n * oh * ow, -1)


def col2im(col, shape, fh, fw, stride=1, pad=0):
    """The adjoint of im2col: adds each window back where it came from."""
    n, c, h, w = shape
    oh = (h + 2 * pad - fh) // stride + 1
    ow = (w + 2 * pad - fw) // stride + 1
    col = col.reshape(n, oh, ow, c, fh, fw).transpose(0, 3, 4, 5, 1, 2)
    img = np.zeros((n, c, h + 2 * pad, w + 2 * pad))
    for y in range(fh):
        for z in range(fw):
            img[:, :, y:y + stride * oh:stride,
                z:z + stride * ow:stride] += col[:, :, y, z]
    return img[:, :, pad:pad + h, pad:pad + w]


def pool_scatter(windows, dout):
    """Max pooling's backward pass: each gradient to its window's argmax."""
    arg = windows.argmax(axis=1)
    dmax = np.zeros(windows.shape)
    dmax[np.arange(arg.size), arg] = dout
    return dmax


def softmax(a):
    e = np.exp(a - a.max(axis=-1, keepdims=True))
    return e / e.sum(axis=-1, keepdims=True)


class Affine:
    def __init__(self, w, b):
        self.w, self.b = w, b

    def forward(self, x):
        self.shape = x.shape
        self.x = x.reshape(x.shape[0], -1)
        return dot(self.x, self.w) + self.b

    def backward(self, dout):
        self.dw = dot(self.x.T, dout)
        self.db = dout.sum(axis=0)
        return dot(dout, self.w.T).reshape(self.shape)


class Relu:
    def forward(self, x):
        self.mask = x <= 0
        out = x.copy()
        out[self.mask] = 0
        return out

    def backward(self, dout):
        dx = dout.copy()
        dx[self.mask] = 0
        return dx


class SoftmaxWithLoss:
    def forward(self, x, t):
        self.t = t
        self.y = softmax(x)
        n = x.shape[0]
        return -np.log(self.y[np.arange(n), t] + 1e-7).sum() / n

    def backward(self):
        n = self.y.shape[0]
        dx = self.y.copy()
        dx[np.arange(n), self.t] -= 1
        return dx / n


class Convolution:
    def __init__(self, w, b):
        self.w, self.b = w, b

    def forward(self, x):
        fn, _, fh, fw = self.w.shape
        n, _, h, w = x.shape
        oh, ow = h - fh + 1, w - fw + 1
        self.shape = x.shape
        self.col = im2col(x, fh, fw)
        self.col_w = self.w.reshape(fn, -1).T
        out = dot(self.col, self.col_w) + self.b
        return out.reshape(n, oh, ow, fn).transpose(0, 3, 1, 2)

    def backward(self, dout):
        fn, c, fh, fw = self.w.shape
        d = dout.transpose(0, 2, 3, 1).reshape(-1, fn)
        self.db = d.sum(axis=0)
        self.dw = dot(self.col.T, d).T.reshape(fn, c, fh, fw)
        return col2im(dot(d, self.col_w.T), self.shape, fh, fw)


class Pooling:
    """2 x 2 max pooling at stride 2."""

    def forward(self, x):
        n, c, h, w = x.shape
        oh, ow = h // 2, w // 2
        col = im2col(x, 2, 2, 2).reshape(-1, 4)
        self.shape = x.shape
        self.arg_max = col.argmax(axis=1)
        return col.max(axis=1).reshape(n, oh, ow, c).transpose(0, 3, 1, 2)

    def backward(self, dout):
        d = dout.transpose(0, 2, 3, 1)
        dmax = np.zeros((d.size, 4))
        dmax[np.arange(d.size), self.arg_max] = d.ravel()
        dcol = dmax.reshape(-1, self.shape[1] * 4)
        return col2im(dcol, self.shape, 2, 2, 2)


def train_step(layers, last, params, grads_of, x, t, lr):
    """Forward, backward, then SGD on params; returns the gradients."""
    for layer in layers:
        x = layer.forward(x)
    last.forward(x, t)
    dout = last.backward()
    for layer in reversed(layers):
        dout = layer.backward(dout)
    grads = grads_of()
    for key, p in params.items():
        p -= lr * grads[key]
    return grads


def two_layer_step(inputs, lr):
    p = {k: inputs[k].copy() for k in ("W1", "b1", "W2", "b2")}
    a1, a2 = Affine(p["W1"], p["b1"]), Affine(p["W2"], p["b2"])
    layers, last = [a1, Relu(), a2], SoftmaxWithLoss()
    x, t = inputs["x"], inputs["t"].astype(np.int64)

    def grads_of():
        return {"W1": a1.dw, "b1": a1.db, "W2": a2.dw, "b2": a2.db}

    return lambda: train_step(layers, last, p, grads_of, x, t, lr)


def conv_net_step(inputs, lr):
    keys = ("W1", "b1", "W2", "b2", "W3", "b3")
    p = {k: inputs[k].copy() for k in keys}
    conv = Convolution(p["W1"], p["b1"])
    a1, a2 = Affine(p["W2"], p["b2"]), Affine(p["W3"], p["b3"])
    layers, last = [conv, Relu(), Pooling(), a1, Relu(), a2], SoftmaxWithLoss()
    x, t = inputs["x"], inputs["t"].astype(np.int64)

    def grads_of():
        return {"W1": conv.dw, "b1": conv.db, "W2": a1.dw, "b2": a1.db,
                "W3": a2.dw, "b3": a2.db}

    return lambda: train_step(layers, last, p, grads_of, x, t, lr)


def prepare(workload_id, i, settings):
    """A function running the workload once and returning its outputs."""
    lr, batch = settings["learningRate"], settings["batch"]
    if workload_id.startswith("matmul_"):
        return lambda: {"out": i["a"] @ i["b"]}
    simple = {
        "add_row": lambda: {"out": i["x"] + i["bias"]},
        "sum_axis0": lambda: {"out": i["x"].sum(axis=0)},
        "max_axis1": lambda: {"out": i["windows"].max(axis=1)},
        "im2col": lambda: {"col": im2col(i["x"], 5, 5)},
        "col2im": lambda: {"x": col2im(i["col"], (batch, 1, 28, 28), 5, 5)},
        # numpy's slice is a view: copy it, as ours does.
        "slice_rows": lambda: {"out": i["x"][3 * batch:4 * batch].copy()},
        "pad_images": lambda: {"out": np.pad(i["x"], [(0, 0), (0, 0),
                                                      (2, 2), (2, 2)])},
        "im2col_slices": lambda: {"col": im2col(i["x"], 5, 5)},
        "col2im_slices": lambda: {"x": col2im(i["col"], (batch, 1, 28, 28),
                                              5, 5)},
        "where_relu": lambda: {"out": np.where(i["x"] > 0, i["x"], 0)},
        "pool_scatter": lambda: {"out": pool_scatter(i["windows"],
                                                     i["dout"])},
    }
    if workload_id in simple:
        return simple[workload_id]
    if workload_id == "two_layer_step":
        return two_layer_step(i, lr)
    if workload_id == "conv_net_step":
        return conv_net_step(i, lr)
    raise ValueError(f"compare_numpy.py: unknown workload {workload_id}")


# ------------------------------------------------------------------ timing


def time_runs(run, settings):
    """Seconds per run of each sample, as bench/compare.ts measures them."""
    start = time.perf_counter()
    run()
    once = time.perf_counter() - start
    deadline = time.perf_counter() + settings["warmupSeconds"]
    while time.perf_counter() < deadline:
        start = time.perf_counter()
        run()
        once = min(once, time.perf_counter() - start)
    # Enough runs per sample that the clock's resolution does not matter.
    inner = max(1, int(settings["minSampleSeconds"] / max(once, 1e-9)))
    samples = []
    sampling = time.perf_counter()

    def more():
        elapsed = time.perf_counter() - sampling
        return elapsed < settings["budgetSeconds"] or (
            len(samples) < settings["minSamples"]
            and elapsed < 5 * settings["budgetSeconds"])

    while len(samples) < settings["maxSamples"] and more():
        start = time.perf_counter()
        for _ in range(inner):
            run()
        samples.append((time.perf_counter() - start) / inner)
    return samples


# ------------------------------------------------------------------- files


def read(workdir, spec):
    data = np.fromfile(os.path.join(workdir, spec["file"]), dtype="<f8")
    return data.reshape(spec["shape"])


def write(workdir, name, array):
    array = np.ascontiguousarray(array, dtype="<f8")
    array.tofile(os.path.join(workdir, name))
    return {"shape": list(array.shape), "file": name}


def blas_name():
    try:
        config = np.show_config(mode="dicts")
        blas = config["Build Dependencies"]["blas"]
        return f'{blas["name"]} {blas["version"]}'
    except Exception:  # older numpy: the BLAS is not worth failing over
        return "unknown BLAS"


def cpu_mhz():
    """The clock of the first CPU, from /proc/cpuinfo (Linux), else 0."""
    try:
        with open("/proc/cpuinfo") as f:
            for line in f:
                if line.startswith("cpu MHz"):
                    return float(line.split(":")[1])
    except OSError:
        pass
    return 0


PRODUCTS = "matrix products (inside the layers above)"
STEP = "whole step (with the SGD update)"


def split_step(run, steps, warmup=3):
    """Median seconds per step of each layer's passes, of the products and
    of the whole step, named as bench/split.ts names ours."""
    global dot
    current = {}
    order = {}

    def add(part, seconds):
        current[part] = current.get(part, 0) + seconds

    def timed(cls, name, method):
        original = getattr(cls, method)

        def wrapper(self, *args):
            if id(self) not in order:
                k = sum(1 for v in order.values() if v.startswith(name))
                order[id(self)] = f"{name} {k + 1}"
            start = time.perf_counter()
            try:
                return original(self, *args)
            finally:
                add(f"{order[id(self)]} {method}", time.perf_counter() - start)
        return original, wrapper

    layers = [(Convolution, "Convolution"), (Relu, "ReLU"),
              (Pooling, "Pooling"), (Affine, "Affine"),
              (SoftmaxWithLoss, "SoftmaxWithLoss")]
    saved = []
    for cls, name in layers:
        for method in ("forward", "backward"):
            original, wrapper = timed(cls, name, method)
            saved.append((cls, method, original))
            setattr(cls, method, wrapper)
    plain = dot

    def timed_dot(a, b):
        start = time.perf_counter()
        try:
            return plain(a, b)
        finally:
            add(PRODUCTS, time.perf_counter() - start)
    dot = timed_dot
    try:
        for _ in range(warmup):
            run()
        samples = []
        for _ in range(steps):
            current = {}
            start = time.perf_counter()
            run()
            add(STEP, time.perf_counter() - start)
            samples.append(current)
    finally:
        dot = plain
        for cls, method, original in saved:
            setattr(cls, method, original)
    return {part: float(np.median([s.get(part, 0) for s in samples]))
            for part in samples[0]}


def main():
    workdir, what = sys.argv[1], sys.argv[2]
    if what == "--info":
        print(json.dumps({"version": np.__version__, "blas": blas_name(),
                          "cpuMHz": cpu_mhz()}))
        return
    with open(os.path.join(workdir, "workloads.json")) as f:
        spec = json.load(f)
    settings = spec["settings"]
    [w] = [w for w in spec["workloads"] if w["id"] == what]
    inputs = {k: read(workdir, s) for k, s in w["inputs"].items()}
    if sys.argv[3:] == ["--split"]:
        steps = spec["splitSteps"]
        print(json.dumps(split_step(prepare(w["id"], inputs, settings),
                                    steps)))
        return
    outputs = prepare(w["id"], inputs, settings)()
    seconds = time_runs(prepare(w["id"], inputs, settings), settings)
    print(json.dumps({w["id"]: {
        "seconds": seconds,
        "outputs": {k: write(workdir, f'numpy_{w["id"]}_{k}.f64', v)
                    for k, v in outputs.items()},
    }}))


if __name__ == "__main__":
    main()
