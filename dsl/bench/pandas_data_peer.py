#!/usr/bin/python3
"""The Python side of Hone's data benchmark (stdlib + pandas + scikit-learn + torch only).

Prints ONE JSON line with two parts.

"table": fit and transform of impute + standardize + one-hot with pandas and scikit-learn on the
CSV the Java side wrote (numeric columns n*, categorical columns c*, empty cells missing). The
CSV is read with pandas.read_csv before any timing; only fitting and transforming are timed:
    ColumnTransformer([
      ("num", Pipeline([SimpleImputer(strategy="mean"), StandardScaler()]), numeric),
      ("cat", Pipeline([SimpleImputer(strategy="most_frequent"),
                        OneHotEncoder(handle_unknown="error", dense output)]), categorical)],
      sparse_threshold=0)
    ct.fit(df); out = ct.transform(df)
the same work as Hone's Pipeline.of().impute(MEAN, numeric).standardize(numeric)
.impute(MOST_FREQUENT, categorical).oneHot(categorical), fit(table) then transform(table), with a
dense float64 result on both sides. One untimed warm-up, then --rounds timed rounds; figures are
medians. "sum_abs" (sum of |cell| over the result) is there to check that both sides computed
the same numbers.

"augment": crop with padding 2 + horizontal flip (p = 1/2) + rotation within +/- 10 degrees,
bilinear, on --images random 28x28 float32 images, written with torch tensor ops in the way
torchvision's tensor transforms do them (Debian has no python3-torchvision installed here, so
RandomCrop(28, padding=2), RandomHorizontalFlip() and RandomRotation(10, BILINEAR) are written
out: pad + slice, torch.flip, and an affine grid sampled with grid_sample):
  per_image   one image at a time, as a Dataset's __getitem__ runs them for a DataLoader;
  batched     --batch images at a time, one affine_grid + grid_sample per batch with each
              image's own shift, flip and angle composed into one 2x3 matrix (one resampling,
              as Hone does).
images/s is the median over --rounds passes. torch uses --threads threads.
"""
import argparse
import json
import math
import statistics
import sys
import time


def table_part(args):
    import numpy as np
    import pandas as pd
    import sklearn
    from sklearn.compose import ColumnTransformer
    from sklearn.impute import SimpleImputer
    from sklearn.pipeline import Pipeline
    from sklearn.preprocessing import OneHotEncoder, StandardScaler

    df = pd.read_csv(args.csv, keep_default_na=False, na_values=[""])
    numeric = [c for c in df.columns if c.startswith("n")]
    categorical = [c for c in df.columns if c.startswith("c")]
    for c in categorical:
        df[c] = df[c].astype(object)
    try:
        onehot = OneHotEncoder(sparse_output=False)
    except TypeError:  # scikit-learn < 1.2
        onehot = OneHotEncoder(sparse=False)

    def make():
        return ColumnTransformer([
            ("num", Pipeline([("impute", SimpleImputer(strategy="mean")),
                              ("scale", StandardScaler())]), numeric),
            ("cat", Pipeline([("impute", SimpleImputer(strategy="most_frequent")),
                              ("onehot", onehot)]), categorical)], sparse_threshold=0)

    fit_s, transform_s = [], []
    out = None
    for r in range(args.rounds + 1):
        ct = make()
        t0 = time.perf_counter()
        ct.fit(df)
        t1 = time.perf_counter()
        out = ct.transform(df)
        t2 = time.perf_counter()
        if r > 0:
            fit_s.append(t1 - t0)
            transform_s.append(t2 - t1)
    total = [a + b for a, b in zip(fit_s, transform_s)]
    rows = len(df)
    return {
        "rows": rows,
        "width": int(out.shape[1]),
        "dtype": str(out.dtype),
        "fit_s": statistics.median(fit_s),
        "transform_s": statistics.median(transform_s),
        "seconds": statistics.median(total),
        "rounds_s": total,
        "rows_per_s": rows / statistics.median(total),
        "sum_abs": float(np.abs(out).sum()),
        "versions": {"pandas": pd.__version__, "sklearn": sklearn.__version__,
                     "numpy": np.__version__},
    }


def augment_part(args):
    import torch
    import torch.nn.functional as F

    torch.set_num_threads(args.threads)
    torch.manual_seed(args.seed)
    n, size, pad, degrees = args.images, 28, 2, 10.0
    images = torch.rand(n, 1, size, size)

    def rotate(img, angle):
        # torchvision.transforms.functional.rotate on a tensor: an affine grid, then grid_sample
        a = math.radians(angle)
        theta = torch.tensor([[math.cos(a), -math.sin(a), 0.0],
                              [math.sin(a), math.cos(a), 0.0]]).unsqueeze(0)
        grid = F.affine_grid(theta, [1, 1, size, size], align_corners=False)
        return F.grid_sample(img.unsqueeze(0), grid, mode="bilinear", padding_mode="zeros",
                             align_corners=False).squeeze(0)

    def per_image(img):
        padded = F.pad(img, (pad, pad, pad, pad))
        i = int(torch.randint(0, 2 * pad + 1, (1,)))
        j = int(torch.randint(0, 2 * pad + 1, (1,)))
        img = padded[:, i:i + size, j:j + size]
        if torch.rand(1) < 0.5:
            img = torch.flip(img, dims=[2])
        angle = float(torch.empty(1).uniform_(-degrees, degrees))
        return rotate(img, angle)

    def batched(batch):
        b = batch.shape[0]
        angle = torch.empty(b).uniform_(-degrees, degrees) * (math.pi / 180)
        flip = torch.where(torch.rand(b) < 0.5, -1.0, 1.0)
        shift = torch.randint(-pad, pad + 1, (b, 2)).float() * (2.0 / size)
        cos, sin = torch.cos(angle), torch.sin(angle)
        theta = torch.zeros(b, 2, 3)
        theta[:, 0, 0] = cos * flip
        theta[:, 0, 1] = -sin
        theta[:, 1, 0] = sin * flip
        theta[:, 1, 1] = cos
        theta[:, :, 2] = shift
        grid = F.affine_grid(theta, [b, 1, size, size], align_corners=False)
        return F.grid_sample(batch, grid, mode="bilinear", padding_mode="zeros",
                             align_corners=False)

    def timed(fn):
        rates = []
        for r in range(args.rounds + 1):
            t0 = time.perf_counter()
            fn()
            s = time.perf_counter() - t0
            if r > 0:
                rates.append(n / s)
        return statistics.median(rates), rates

    with torch.no_grad():
        def run_per_image():
            for k in range(n):
                per_image(images[k])

        def run_batched():
            for k in range(0, n, args.batch):
                batched(images[k:k + args.batch])

        per, per_all = timed(run_per_image)
        bat, bat_all = timed(run_batched)
    return {"images": n, "threads": args.threads, "batch": args.batch,
            "per_image_images_per_s": per, "per_image_rounds": per_all,
            "batched_images_per_s": bat, "batched_rounds": bat_all,
            "torch": torch.__version__}


def main():
    p = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    p.add_argument("--csv", required=True)
    p.add_argument("--rounds", type=int, default=3)
    p.add_argument("--images", type=int, default=8000)
    p.add_argument("--batch", type=int, default=128)
    p.add_argument("--threads", type=int, default=1)
    p.add_argument("--seed", type=int, default=42)
    args = p.parse_args()
    out = {"side": "python", "python": sys.version.split()[0],
           "table": table_part(args), "augment": augment_part(args)}
    print(json.dumps(out))


if __name__ == "__main__":
    main()
