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


# ---- tight-loop stop time on each JDK ------------------------------------------------------------
# Thread.stop is gone from Java 20 on; the kernel stops cell loops at stop points it adds to their
# bytecode, armed 500 ms after an interrupt that the cell ignored. Measured from the interrupt_request
# to the cell's execute_reply, through the real client, on each JDK found.

STOP_JDKS = [("17", None), ("25", "/usr/lib/jvm/temurin-25-jdk-amd64/bin/java")]
STOP_TARGET_MS = 1000
LOOPS = ["while (true) {}", "long n = 0;\nfor (;;) n++;"]


def stop_time(kc, code):
    """Starts code, lets it spin for a second, interrupts it; returns seconds to its reply."""
    msg_id = kc.execute(code)
    time.sleep(1.0)
    started = time.perf_counter()
    kc.control_channel.send(kc.session.msg("interrupt_request", {}))
    while True:
        reply = kc.get_shell_msg(timeout=60)
        if reply["parent_header"].get("msg_id") == msg_id:
            break
    elapsed = time.perf_counter() - started
    if reply["content"].get("ename") != "Interrupted":
        raise RuntimeError("the loop did not end with Interrupted: %s" % reply["content"])
    while True:
        msg = kc.get_iopub_msg(timeout=60)
        if (msg["parent_header"].get("msg_id") == msg_id and msg["msg_type"] == "status"
                and msg["content"]["execution_state"] == "idle"):
            return elapsed


def tight_loop_stop_times(repeats=5):
    import os
    for label, java in STOP_JDKS:
        if java is not None and not os.path.exists(java):
            print("tight-loop stop, JDK %s: not measured, %s is missing" % (label, java))
            continue
        env = dict(os.environ)
        if java is not None:
            env["HONE_KERNEL_JAVA"] = java
        km = KernelManager(kernel_name="hone")
        km.start_kernel(env=env)
        kc = km.client()
        kc.start_channels()
        try:
            kc.wait_for_ready(timeout=120)
            execute(kc, "int kept = 1;")
            times = [stop_time(kc, LOOPS[i % len(LOOPS)]) for i in range(repeats)]
            execute(kc, "kept")  # the session keeps its state
            median = statistics.median(times) * 1000
            print("tight-loop stop by interrupt_request, JDK %s, %d runs: median %.0f ms, max %.0f ms "
                  "(target <= %d ms): %s" % (label, repeats, median, max(times) * 1000, STOP_TARGET_MS,
                                            "met" if median <= STOP_TARGET_MS else "NOT met"))
        finally:
            kc.stop_channels()
            km.shutdown_kernel(now=True)


if __name__ == "__main__":
    main()
    tight_loop_stop_times()
