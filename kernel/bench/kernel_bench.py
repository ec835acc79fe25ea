"""Hone kernel figures: startup to first reply, trivial-cell round trip, one XChart cell.

usage: kernel/bench/kernel_bench.py [--cells 200]
Needs the kernelspec installed (kernel/install.sh --user, or JUPYTER_PATH set) and Debian's
python3-jupyter-client; run with /usr/bin/python3.
"""
import argparse
import statistics
import time

from jupyter_client.manager import KernelManager

CHART_CELL = """var xs = new double[1000];
var ys = new double[1000];
for (int i = 0; i < xs.length; i++) { xs[i] = i / 100.0; ys[i] = Math.sin(xs[i]); }
var chart = new XYChartBuilder().width(600).height(400).title("sin").build();
chart.addSeries("sin", xs, ys);
chart"""


def execute(kc, code, timeout=300):
    """Runs a cell; returns seconds from request to execute_reply, after the kernel is idle."""
    started = time.perf_counter()
    msg_id = kc.execute(code)
    while True:
        reply = kc.get_shell_msg(timeout=timeout)
        if reply["parent_header"].get("msg_id") == msg_id:
            break
    elapsed = time.perf_counter() - started
    if reply["content"]["status"] != "ok":
        raise RuntimeError("cell failed: %s" % reply["content"])
    while True:
        msg = kc.get_iopub_msg(timeout=timeout)
        if (msg["parent_header"].get("msg_id") == msg_id and msg["msg_type"] == "status"
                and msg["content"]["execution_state"] == "idle"):
            return elapsed


def percentile(values, p):
    ordered = sorted(values)
    index = min(len(ordered) - 1, max(0, int(round(p / 100.0 * len(ordered) + 0.5)) - 1))
    return ordered[index]


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--cells", type=int, default=200)
    args = parser.parse_args()

    started = time.perf_counter()
    km = KernelManager(kernel_name="hone")
    km.start_kernel()
    kc = km.client()
    kc.start_channels()
    try:
        kc.wait_for_ready(timeout=120)
        execute(kc, "1 + 1")
        first = time.perf_counter() - started
        print("kernel start to first cell reply: %.2f s" % first)

        for _ in range(20):  # warm-up: JIT and JShell caches
            execute(kc, "1")
        trips = [execute(kc, "1") for _ in range(args.cells)]
        print("trivial cell round trip over %d cells: median %.2f ms, p99 %.2f ms"
              % (len(trips), statistics.median(trips) * 1000, percentile(trips, 99) * 1000))

        cold = execute(kc, CHART_CELL)  # the first chart loads XChart's and AWT's classes
        warm = [execute(kc, CHART_CELL) for _ in range(5)]
        print("XChart cell (1,000 points, rendered as PNG and SVG): first %.0f ms, then median %.0f ms"
              % (cold * 1000, statistics.median(warm) * 1000))
    finally:
        kc.stop_channels()
        km.shutdown_kernel(now=True)


if __name__ == "__main__":
    main()
