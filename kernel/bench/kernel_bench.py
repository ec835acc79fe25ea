"""Hone kernel figures: startup to first reply, trivial-cell round trip, one XChart cell.

usage: kernel/bench/kernel_bench.py [--cells 200] [--kernel hone] [--peer NAME] [--rounds 1]
Needs the kernelspec installed (kernel/install.sh --user, or JUPYTER_PATH set) and Debian's
python3-jupyter-client; run with /usr/bin/python3.

Each figure is printed next to its target (issue 11). --peer names a second kernelspec (say the
previous build, installed with `kernel/install.sh --prefix DIR --name hone-before`) that is
measured in the same run, alternating with --kernel for --rounds rounds, so that on a shared
machine both see the same load; the ratios kernel/peer are printed at the end.
"""
import argparse
import os
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


def cpu_seconds(km):
    """CPU time (user + system) the kernel process has used so far; None where /proc is missing.

    On a shared machine the wall-clock figures grow with the load; the kernel's own CPU time per
    cell much less, so it is printed beside them."""
    try:
        pid = km.provisioner.process.pid
        with open("/proc/%d/stat" % pid) as f:
            fields = f.read().rsplit(")", 1)[1].split()
        return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")
    except (AttributeError, OSError, ValueError, IndexError):
        return None


def per_cell_ms(before, after, cells):
    return None if before is None or after is None else (after - before) * 1000 / cells


# Issue 11's targets: (figure key, most allowed, unit).
TARGETS = {"start_s": 2.0, "trivial_ms": 20.0, "chart_ms": 100.0}


def verdict(key, value):
    return "target <= %g: %s" % (TARGETS[key], "met" if value <= TARGETS[key] else "NOT met")


def measure(kernel_name, cells):
    """Starts a kernel, measures the three figures, shuts it down; returns them in a dict."""
    started = time.perf_counter()
    km = KernelManager(kernel_name=kernel_name)
    km.start_kernel()
    kc = km.client()
    kc.start_channels()
    try:
        kc.wait_for_ready(timeout=120)
        execute(kc, "1 + 1")
        first = time.perf_counter() - started
        start_cpu = cpu_seconds(km)
        print("[%s] kernel start to first cell reply: %.2f s (%s); kernel CPU %s s"
              % (kernel_name, first, verdict("start_s", first),
                 "?" if start_cpu is None else "%.2f" % start_cpu))

        for _ in range(20):  # warm-up: JIT and JShell caches
            execute(kc, "1")
        cpu_before = cpu_seconds(km)
        trips = [execute(kc, "1") for _ in range(cells)]
        trivial_cpu = per_cell_ms(cpu_before, cpu_seconds(km), cells)
        trivial = statistics.median(trips) * 1000
        print("[%s] trivial cell round trip over %d cells: median %.2f ms (%s), p99 %.2f ms; "
              "kernel CPU %s ms a cell" % (kernel_name, len(trips), trivial, verdict("trivial_ms", trivial),
                                           percentile(trips, 99) * 1000,
                                           "?" if trivial_cpu is None else "%.1f" % trivial_cpu))

        cold = execute(kc, CHART_CELL)  # the first chart loads XChart's and AWT's classes
        cpu_before = cpu_seconds(km)
        warm = [execute(kc, CHART_CELL) for _ in range(5)]
        chart_cpu = per_cell_ms(cpu_before, cpu_seconds(km), len(warm))
        chart = statistics.median(warm) * 1000
        print("[%s] XChart cell (1,000 points, as the kernel renders it): first %.0f ms, "
              "then median %.0f ms (%s); kernel CPU %s ms a cell"
              % (kernel_name, cold * 1000, chart, verdict("chart_ms", chart),
                 "?" if chart_cpu is None else "%.0f" % chart_cpu))
        return {"start_s": first, "trivial_ms": trivial, "chart_ms": chart,
                "start_cpu_s": start_cpu, "trivial_cpu_ms": trivial_cpu, "chart_cpu_ms": chart_cpu}
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


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--cells", type=int, default=200)
    parser.add_argument("--kernel", default="hone", help="the kernelspec to measure")
    parser.add_argument("--peer", help="a second kernelspec measured in the same run, e.g. the last build")
    parser.add_argument("--rounds", type=int, default=1, help="rounds, alternating kernel and peer")
    args = parser.parse_args()
    if args.rounds < 1:
        parser.error("--rounds must be at least 1, was %d" % args.rounds)
    print("load average at start: %s" % " ".join("%.2f" % x for x in os.getloadavg()))

    results = {args.kernel: []}
    if args.peer:
        results[args.peer] = []
    for _ in range(args.rounds):
        for name in results:
            results[name].append(measure(name, args.cells))

    print("load average at end: %s" % " ".join("%.2f" % x for x in os.getloadavg()))
    labels = {"start_s": ("start to first reply", "s"), "trivial_ms": ("trivial cell median", "ms"),
              "chart_ms": ("chart cell median", "ms")}
    for key, (label, unit) in labels.items():
        line = "%s, median of %d round(s): " % (label, args.rounds)
        mine = statistics.median(r[key] for r in results[args.kernel])
        line += "%s %.2f %s (%s)" % (args.kernel, mine, unit, verdict(key, mine))
        if args.peer:
            peer = statistics.median(r[key] for r in results[args.peer])
            line += "; %s %.2f %s; ratio %.2f" % (args.peer, peer, unit, mine / peer)
        print(line)
    cpu_labels = {"start_cpu_s": ("kernel CPU to first reply", "s"),
                  "trivial_cpu_ms": ("kernel CPU per trivial cell", "ms"),
                  "chart_cpu_ms": ("kernel CPU per chart cell", "ms")}
    for key, (label, unit) in cpu_labels.items():
        mine = [r[key] for r in results[args.kernel] if r[key] is not None]
        if not mine:
            continue
        line = "%s, median of %d round(s): %s %.2f %s" % (label, len(mine), args.kernel, statistics.median(mine), unit)
        peer = [r[key] for r in results.get(args.peer, []) if r[key] is not None]
        if peer:
            line += "; %s %.2f %s; ratio %.2f" % (args.peer, statistics.median(peer), unit,
                                                  statistics.median(mine) / statistics.median(peer))
        print(line)


if __name__ == "__main__":
    main()
    tight_loop_stop_times()
