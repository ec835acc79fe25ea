#!/usr/bin/python3
"""The PyTorch side of Hone's compression benchmark (stdlib + torch only).

Runs one experiment, chosen with --experiment, on the rows the Java side wrote, prints ONE JSON
line with the figures to stdout and progress to stderr.

  prune    mlp(784,128,64,10), ReLU, nn.Linear's default init, Adam(lr), batch 128,
           cross-entropy, rows reshuffled each epoch with torch.randperm after
           torch.manual_seed(seed), trained --epochs epochs: dense test accuracy. For each amount
           in 0.5, 0.8, 0.9 a deep copy gets torch.nn.utils.prune.l1_unstructured on every
           Linear weight (per layer, biases kept): one-shot accuracy, then --finetune-epochs of
           fine-tuning with a fresh Adam and the masks in place (torch's forward pre-hook), the
           accuracy after it and the measured sparsity (zero weights / all weights). The dense
           run is continued for --finetune-epochs more epochs (same seed, same optimizer; the
           same as a fresh run of epochs + finetune-epochs) for "dense_same_total_epochs".
           Batch-1 latency (median and p99 of single calls, no_grad, eval, one test row) and
           batch-256 throughput (median over repeats) of the dense model, the fine-tuned 90%
           model with its masks (what a torch user gets from torch.nn.utils.prune) and the same
           model after prune.remove (zeros made permanent, plain dense tensors).
  distill  Teacher mlp(784,512,256,10) trained --teacher-epochs epochs, once, with the first
           seed; its train-set logits computed once (eval, no_grad). For each seed in --seeds,
           two students mlp(784,<--student>,10) with the same init and the same shuffles,
           trained --epochs epochs: (a) plain cross-entropy, (b) Hinton's loss
           alpha*T^2*KL(softmax(z_t/T) || softmax(z_s/T)) + (1-alpha)*CE(y, z_s).
           Reports per-seed and mean test accuracies and the mean gain in points.

Fine-tuning reseeds with torch.manual_seed(seed) first, so every pruning amount sees the same
shuffles.

Data file (little-endian): int32 n_train, n_test, features, classes; float32 train features
[n_train * features]; int32 train labels [n_train]; float32 test features [n_test * features];
int32 test labels [n_test]. dsl/bench/write_fashion_data.py writes it from the Fashion-MNIST
IDX files (pixels / 255, standardized with the train set's global mean and std).

Commands (the data file written once):
  /usr/bin/python3 dsl/bench/write_fashion_data.py --out /tmp/fashion.bin
  /usr/bin/python3 dsl/bench/torch_compress_peer.py --experiment prune --data /tmp/fashion.bin
  /usr/bin/python3 dsl/bench/torch_compress_peer.py --experiment distill --data /tmp/fashion.bin
Other options: --seed 42, --threads 1 (torch.set_num_threads), --epochs 5, --batch 128,
--lr 1e-3, --finetune-epochs 1, --latency-calls 5000, --latency-warmup 500; distill only:
--teacher-epochs 5, --student 64 (comma-separated hidden widths), --temperature 4, --alpha 0.7,
--seeds 42,43,44.
"""
import argparse
import copy
import json
import os
import statistics
import sys
import time

import torch
import torch.nn.functional as F
from torch.nn.utils import prune

# The data file and the BLAS report are the training peer's; this script lives beside it.
from torch_peer import blas_libraries, read_data

PRUNE_AMOUNTS = (0.5, 0.8, 0.9)


def log(msg):
    print(msg, file=sys.stderr, flush=True)


def mlp(features, hidden, classes):
    layers = []
    width = features
    for h in hidden:
        layers += [torch.nn.Linear(width, h), torch.nn.ReLU()]
        width = h
    layers.append(torch.nn.Linear(width, classes))
    return torch.nn.Sequential(*layers)


def linears(model):
    return [m for m in model.modules() if isinstance(m, torch.nn.Linear)]


def accuracy(model, x, y):
    model.eval()
    with torch.no_grad():
        return (model(x).argmax(1) == y).float().mean().item()


def train(model, opt, x, y, epochs, batch, loss_of, label, after_epoch=None):
    """Minibatch training, order from torch.randperm (global generator) each epoch.

    loss_of(logits, idx) gives the batch loss; idx are the rows of the batch."""
    n = x.shape[0]
    for epoch in range(epochs):
        model.train()
        order = torch.randperm(n)
        started = time.perf_counter()
        loss_sum = 0.0
        for start in range(0, n, batch):
            idx = order[start:start + batch]
            logits = model(x[idx])
            loss = loss_of(logits, idx)
            opt.zero_grad(set_to_none=True)
            loss.backward()
            opt.step()
            loss_sum += loss.item() * len(idx)
        log(f"{label} epoch {epoch + 1}/{epochs}: loss {loss_sum / n:.4f}, "
            f"{time.perf_counter() - started:.1f} s")
        if after_epoch is not None:
            after_epoch(epoch + 1)


def ce_loss(y):
    return lambda logits, idx: F.cross_entropy(logits, y[idx])


def logits_of(model, x):
    model.eval()
    with torch.no_grad():
        return model(x)


def weight_sparsity(model):
    """Zeros among the effective weights (weight_orig * weight_mask while pruned)."""
    zeros = total = 0
    per_layer = []
    for m in linears(model):
        if hasattr(m, "weight_mask"):
            w = (m.weight_orig * m.weight_mask).detach()
        else:
            w = m.weight.detach()
        z = int((w == 0).sum().item())
        zeros += z
        total += w.numel()
        per_layer.append(z / w.numel())
    return zeros / total, per_layer


def latency_us(model, row, warmup, calls):
    model.eval()
    times = []
    with torch.no_grad():
        for _ in range(warmup):
            model(row)
        for _ in range(calls):
            t0 = time.perf_counter_ns()
            model(row)
            times.append(time.perf_counter_ns() - t0)
    times.sort()
    p99 = times[min(len(times) - 1, int(0.99 * len(times)))]
    return {"p50": statistics.median(times) / 1000.0, "p99": p99 / 1000.0, "calls": calls}


def throughput(model, x, batch=256, batches_per_repeat=10, repeats=50, warmup=20):
    model.eval()
    chunks = [x[i:i + batch] for i in range(0, batches_per_repeat * batch, batch)]
    rates = []
    with torch.no_grad():
        for i in range(warmup):
            model(chunks[i % len(chunks)])
        for _ in range(repeats):
            t0 = time.perf_counter()
            for c in chunks:
                model(c)
            rates.append(batch * len(chunks) / (time.perf_counter() - t0))
    return {"samples_per_s": statistics.median(rates), "repeats": repeats,
            "samples_per_repeat": batch * len(chunks)}


def run_prune(a, x, y, x_test, y_test, classes):
    if a.epochs < 1:
        raise SystemExit("--epochs must be at least 1")
    features = x.shape[1]
    hidden = (128, 64)
    torch.manual_seed(a.seed)
    model = mlp(features, hidden, classes)
    opt = torch.optim.Adam(model.parameters(), lr=a.lr)
    snapshot = {}

    def keep_dense(epoch):
        if epoch == a.epochs:
            snapshot["model"] = copy.deepcopy(model)

    # One run of epochs + finetune-epochs; the copy after --epochs is the "dense" model, so the
    # longer run is the same as a fresh one from the same seed.
    train(model, opt, x, y, a.epochs + a.finetune_epochs, a.batch, ce_loss(y), "dense",
          after_epoch=keep_dense)
    dense = snapshot["model"]
    dense_acc = accuracy(dense, x_test, y_test)
    longer_acc = accuracy(model, x_test, y_test)
    log(f"dense accuracy {dense_acc:.4f}; after {a.epochs + a.finetune_epochs} epochs "
        f"{longer_acc:.4f}")

    results = []
    pruned90 = None
    for amount in PRUNE_AMOUNTS:
        pm = copy.deepcopy(dense)
        for m in linears(pm):
            prune.l1_unstructured(m, "weight", amount=amount)
        one_shot = accuracy(pm, x_test, y_test)
        torch.manual_seed(a.seed)
        ft_opt = torch.optim.Adam(pm.parameters(), lr=a.lr)
        train(pm, ft_opt, x, y, a.finetune_epochs, a.batch, ce_loss(y), f"finetune {amount}")
        finetuned = accuracy(pm, x_test, y_test)
        sparsity, per_layer = weight_sparsity(pm)
        # The same count once the masks are folded in, on a copy (pm keeps its hooks).
        removed = copy.deepcopy(pm)
        for m in linears(removed):
            prune.remove(m, "weight")
        sparsity_removed, _ = weight_sparsity(removed)
        log(f"amount {amount}: one-shot {one_shot:.4f}, fine-tuned {finetuned:.4f}, "
            f"sparsity {sparsity:.4f}")
        results.append({"amount": amount, "sparsity": sparsity,
                        "sparsity_after_remove": sparsity_removed,
                        "layer_sparsity": per_layer,
                        "one_shot_accuracy": one_shot, "finetuned_accuracy": finetuned})
        if amount == 0.9:
            pruned90 = (pm, removed)

    row = x_test[0:1].clone()
    masked, removed = pruned90
    models = {"dense": dense, "pruned90_masked": masked, "pruned90_removed": removed}
    lat = {}
    thr = {}
    for name, m in models.items():
        lat[name] = latency_us(m, row, a.latency_warmup, a.latency_calls)
        thr[name] = throughput(m, x_test)
        log(f"{name}: batch-1 p50 {lat[name]['p50']:.1f} us, p99 {lat[name]['p99']:.1f} us; "
            f"batch-256 {thr[name]['samples_per_s']:.0f} samples/s")
    # The removed model must predict exactly what the masked one does.
    same = bool(torch.equal(logits_of(masked, x_test), logits_of(removed, x_test)))
    return {"model": [features, *hidden, classes],
            "dense_accuracy": dense_acc,
            "dense_same_total_epochs_accuracy": longer_acc,
            "dense_same_total_epochs": a.epochs + a.finetune_epochs,
            "pruned": results,
            "pruned90_masked_equals_removed": same,
            "latency_us": lat,
            "throughput_b256": thr}


def run_distill(a, x, y, x_test, y_test, classes):
    features = x.shape[1]
    seeds = [int(s) for s in a.seeds.split(",") if s.strip()]
    student_hidden = tuple(int(s) for s in a.student.split(",") if s.strip())
    teacher_hidden = (512, 256)
    T = a.temperature
    alpha = a.alpha

    torch.manual_seed(seeds[0])
    teacher = mlp(features, teacher_hidden, classes)
    t_opt = torch.optim.Adam(teacher.parameters(), lr=a.lr)
    train(teacher, t_opt, x, y, a.teacher_epochs, a.batch, ce_loss(y), "teacher")
    teacher_acc = accuracy(teacher, x_test, y_test)
    teacher.eval()
    with torch.no_grad():
        teacher_logits = torch.cat([teacher(x[i:i + 4096]) for i in range(0, x.shape[0], 4096)])
    log(f"teacher accuracy {teacher_acc:.4f}")
    soft_targets = F.softmax(teacher_logits / T, dim=1)

    def kd_loss(logits, idx):
        soft = F.kl_div(F.log_softmax(logits / T, dim=1), soft_targets[idx],
                        reduction="batchmean")
        return alpha * T * T * soft + (1.0 - alpha) * F.cross_entropy(logits, y[idx])

    per_seed = []
    for seed in seeds:
        accs = {}
        for kind, loss_of in (("plain", ce_loss(y)), ("kd", kd_loss)):
            torch.manual_seed(seed)  # same init and the same shuffles for both students
            student = mlp(features, student_hidden, classes)
            opt = torch.optim.Adam(student.parameters(), lr=a.lr)
            train(student, opt, x, y, a.epochs, a.batch, loss_of, f"seed {seed} {kind}")
            accs[kind] = accuracy(student, x_test, y_test)
        log(f"seed {seed}: plain {accs['plain']:.4f}, kd {accs['kd']:.4f}")
        per_seed.append({"seed": seed, "teacher_accuracy": teacher_acc,
                         "student_plain_accuracy": accs["plain"],
                         "student_kd_accuracy": accs["kd"],
                         "gain_points": 100.0 * (accs["kd"] - accs["plain"])})

    def mean(key):
        return statistics.mean(r[key] for r in per_seed)

    return {"teacher": [features, *teacher_hidden, classes],
            "student": [features, *student_hidden, classes],
            "teacher_epochs": a.teacher_epochs,
            "teacher_trained_once_with_seed": seeds[0],
            "temperature": T, "alpha": alpha,
            "kd_loss": "alpha*T^2*kl_div(log_softmax(zs/T), softmax(zt/T), batchmean)"
                       " + (1-alpha)*cross_entropy(zs, y)",
            "seeds": seeds,
            "per_seed": per_seed,
            "mean": {"teacher_accuracy": teacher_acc,
                     "student_plain_accuracy": mean("student_plain_accuracy"),
                     "student_kd_accuracy": mean("student_kd_accuracy"),
                     "gain_points": mean("gain_points")}}


def main():
    p = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    p.add_argument("--experiment", required=True, choices=("prune", "distill"))
    p.add_argument("--data", required=True)
    p.add_argument("--seed", type=int, default=42)
    p.add_argument("--threads", type=int, default=1)
    p.add_argument("--epochs", type=int, default=5)
    p.add_argument("--batch", type=int, default=128)
    p.add_argument("--lr", type=float, default=1e-3)
    p.add_argument("--finetune-epochs", type=int, default=1)
    p.add_argument("--latency-calls", type=int, default=5000)
    p.add_argument("--latency-warmup", type=int, default=500)
    p.add_argument("--teacher-epochs", type=int, default=5)
    p.add_argument("--student", default="64")
    p.add_argument("--temperature", type=float, default=4.0)
    p.add_argument("--alpha", type=float, default=0.7)
    p.add_argument("--seeds", default="42,43,44")
    a = p.parse_args()

    started = time.perf_counter()
    torch.set_num_threads(a.threads)
    x, y, x_test, y_test, classes = read_data(a.data)
    log(f"{a.data}: {x.shape[0]} train, {x_test.shape[0]} test, {x.shape[1]} features, "
        f"{classes} classes; torch {torch.__version__}, {torch.get_num_threads()} threads")
    if a.experiment == "prune":
        body = run_prune(a, x, y, x_test, y_test, classes)
    else:
        body = run_distill(a, x, y, x_test, y_test, classes)
    out = {"experiment": a.experiment,
           "side": "pytorch",
           "torch": torch.__version__,
           "threads": torch.get_num_threads(),
           "blas": blas_libraries(),
           "data": os.path.basename(a.data),
           "n_train": x.shape[0], "n_test": x_test.shape[0],
           "seed": a.seed, "epochs": a.epochs, "batch": a.batch, "lr": a.lr,
           "optimizer": "Adam"}
    if a.experiment == "prune":
        out["finetune_epochs"] = a.finetune_epochs
    out.update(body)
    out["seconds"] = time.perf_counter() - started
    print(json.dumps(out), flush=True)


if __name__ == "__main__":
    main()
