"""What the conformance suite does not cover: interrupts, signatures, exits, tracebacks, magics,
and live training progress. Each test drives the real kernel through jupyter_client."""
import os
import re
import signal
import subprocess
import sys
import tempfile
import time
import unittest
from queue import Empty

import zmq
from jupyter_client.manager import start_new_kernel
from jupyter_client.session import Session

TIMEOUT = 60


class KernelCase(unittest.TestCase):
    @classmethod
    def setUpClass(cls):
        cls.km, cls.kc = start_new_kernel(kernel_name="hone", startup_timeout=120)

    @classmethod
    def tearDownClass(cls):
        cls.kc.stop_channels()
        cls.km.shutdown_kernel(now=True)

    def run_cell(self, code, timeout=TIMEOUT):
        """Executes code; returns the reply content and the IOPub messages it caused."""
        msg_id = self.kc.execute(code)
        return self.collect(msg_id, timeout)

    def collect(self, msg_id, timeout=TIMEOUT):
        reply = None
        deadline = time.time() + timeout
        while reply is None:
            msg = self.kc.get_shell_msg(timeout=max(1, deadline - time.time()))
            if msg["parent_header"].get("msg_id") == msg_id:
                reply = msg
        outputs = []
        while True:
            msg = self.kc.get_iopub_msg(timeout=max(1, deadline - time.time()))
            if msg["parent_header"].get("msg_id") != msg_id:
                continue
            if msg["msg_type"] == "status" and msg["content"]["execution_state"] == "idle":
                break
            outputs.append(msg)
        return reply["content"], outputs

    def interrupt_by_message(self):
        """Sends an interrupt_request on the control channel, as a notebook's stop button does."""
        self.kc.control_channel.send(self.kc.session.msg("interrupt_request", {}))
        reply = self.kc.get_control_msg(timeout=10)
        self.assertEqual(reply["msg_type"], "interrupt_reply")

    def value(self, code):
        reply, outputs = self.run_cell(code)
        self.assertEqual(reply["status"], "ok", reply)
        results = [m for m in outputs if m["msg_type"] == "execute_result"]
        self.assertEqual(len(results), 1, outputs)
        return results[0]["content"]["data"]["text/plain"]


class InterruptTests(KernelCase):
    def test_an_interrupt_request_stops_a_sleeping_cell_and_variables_survive(self):
        self.assertEqual(self.value("int kept = 5;\nkept"), "5")
        msg_id = self.kc.execute("Thread.sleep(60_000);")
        time.sleep(1.5)
        started = time.time()
        self.km.interrupt_kernel()
        reply, _ = self.collect(msg_id, timeout=15)
        self.assertEqual(reply["status"], "error")
        self.assertEqual(reply["ename"], "Interrupted")
        self.assertLess(time.time() - started, 10)
        self.assertEqual(self.value("kept"), "5")

    def test_sigint_stops_a_tight_loop_that_ignores_interrupts(self):
        self.value("int before = 1;\nbefore")
        msg_id = self.kc.execute(
            'System.out.println("spinning");\nlong spins = 0;\nwhile (true) { spins++; }')
        # A SIGINT that lands before the cell runs (a busy kernel after the training test) finds
        # nothing to stop: wait until the loop's cell has printed.
        deadline = time.time() + TIMEOUT
        while time.time() < deadline:
            msg = self.kc.get_iopub_msg(timeout=TIMEOUT)
            if (msg["parent_header"].get("msg_id") == msg_id and msg["msg_type"] == "stream"
                    and "spinning" in msg["content"]["text"]):
                break
        time.sleep(1.0)
        os.kill(self.km.provisioner.process.pid, signal.SIGINT)
        reply, _ = self.collect(msg_id, timeout=20)
        self.assertEqual(reply["status"], "error")
        self.assertEqual(reply["ename"], "Interrupted")
        self.assertTrue(self.km.is_alive())
        self.assertEqual(self.value("before + 1"), "2")

    def test_an_interrupt_request_stops_tight_loops_on_any_jdk_and_variables_survive(self):
        # Thread.stop is gone from Java 20 on: these loops stop at the stop points the kernel adds
        # to cell code. The JDK is printed so a log shows which one was tested.
        print("kernel JDK:", self.value('System.getProperty("java.version")'))
        self.assertEqual(self.value('long x = 0;\nString note = "kept";\nnote'), '"kept"')
        # x is a long: a JIT-compiled `x++` loop runs past 2^31 in well under the 1.5 s it spins.
        for loop in ("while (true) {}", "for(;;) x++;"):
            msg_id = self.kc.execute(loop)
            time.sleep(1.5)
            started = time.time()
            self.interrupt_by_message()
            reply, _ = self.collect(msg_id, timeout=20)
            self.assertEqual(reply["status"], "error", loop)
            self.assertEqual(reply["ename"], "Interrupted", loop)
            self.assertLess(time.time() - started, 10, loop)
        self.assertTrue(self.km.is_alive())
        self.assertEqual(self.value("note"), '"kept"')
        self.assertEqual(self.value("x > 0"), "true")

    def test_an_interrupted_training_run_keeps_its_model_with_the_last_good_weights(self):
        msg_id = self.kc.execute(
            "var split = Datasets.mnist();\n"
            "var model = Model.mlp(784, 32, 10)"
            ".train(split.train(), Train.epochs(200).batchSize(64).adam(1e-3));"
        )
        # Wait for the live progress display, so training is under way.
        deadline = time.time() + TIMEOUT
        while time.time() < deadline:
            msg = self.kc.get_iopub_msg(timeout=TIMEOUT)
            if msg["parent_header"].get("msg_id") == msg_id and msg["msg_type"] == "update_display_data":
                break
        self.km.interrupt_kernel()
        reply, outputs = self.collect(msg_id, timeout=30)
        self.assertEqual(reply["status"], "error")
        self.assertEqual(reply["ename"], "Interrupted")
        self.assertNotIn("ZMQException", str(reply["traceback"]))
        # The live display's last update says where training stopped: the cell's own interrupt
        # must not swallow its final output.
        updates = [m for m in outputs if m["msg_type"] == "update_display_data"]
        self.assertIn("interrupted at epoch", updates[-1]["content"]["data"]["text/html"])
        self.assertEqual(self.value("model.history().stopReason()"), "INTERRUPTED")
        self.assertEqual(self.value("model.evaluate(split.test()).accuracy() > 0.1"), "true")


class RobustnessTests(KernelCase):
    def test_system_exit_leaves_the_kernel_alive_with_its_variables(self):
        self.value("int a = 3;\na")
        reply, outputs = self.run_cell("System.exit(0);")
        self.assertEqual(reply["status"], "error")
        self.assertEqual(reply["ename"], "SystemExit")
        self.assertTrue(self.km.is_alive())
        self.assertEqual(self.value("a"), "3")

    def test_running_out_of_memory_leaves_the_kernel_alive(self):
        reply, _ = self.run_cell("long[] huge = new long[Integer.MAX_VALUE - 8];")
        self.assertEqual(reply["ename"], "java.lang.OutOfMemoryError")
        self.assertEqual(self.value("1 + 1"), "2")

    def test_errors_point_at_the_line_in_the_cell(self):
        reply, _ = self.run_cell("int p = 1;\nint q = 0;\n\nint r = p / q;")
        self.assertEqual(reply["ename"], "java.lang.ArithmeticException")
        self.assertIn("line 4", "\n".join(reply["traceback"]))
        reply, _ = self.run_cell("int s = 1;\nint t = missing + 1;")
        self.assertEqual(reply["ename"], "CompilationError")
        self.assertIn("line 2", reply["evalue"])
        self.assertNotIn("#", "\n".join(reply["traceback"]))

    def test_a_message_with_a_wrong_or_missing_signature_is_dropped(self):
        info = self.km.get_connection_info()
        ctx = zmq.Context.instance()
        sock = ctx.socket(zmq.DEALER)
        sock.linger = 0
        sock.connect("%s://%s:%d" % (info["transport"], info["ip"], info["shell_port"]))
        poller = zmq.Poller()
        poller.register(sock, zmq.POLLIN)
        try:
            for key in (b"not-the-key", b""):
                Session(key=key, signature_scheme="hmac-sha256").send(sock, "kernel_info_request", {})
                self.assertEqual(dict(poller.poll(2000)), {}, "a reply came to a badly signed message")
            good = Session(key=info["key"], signature_scheme="hmac-sha256")
            good.send(sock, "kernel_info_request", {})
            self.assertTrue(dict(poller.poll(10000)), "no reply to a well signed message")
            _, reply = good.recv(sock, mode=0)
            self.assertEqual(reply["msg_type"], "kernel_info_reply")
        finally:
            sock.close()

    def test_user_expressions_are_evaluated_after_the_cell(self):
        msg_id = self.kc.execute("int ux = 20;", user_expressions={"double": "ux * 2"})
        reply, _ = self.collect(msg_id)
        self.assertEqual(reply["user_expressions"]["double"]["data"]["text/plain"], "40")

    def test_silent_cells_do_not_count_or_publish(self):
        before = self.run_cell("1")[0]["execution_count"]
        msg_id = self.kc.execute("2", silent=True)
        reply, outputs = self.collect(msg_id)
        self.assertEqual(reply["execution_count"], before)
        self.assertEqual([m["msg_type"] for m in outputs if m["msg_type"] != "status"], [])


class MagicTests(KernelCase):
    def test_time_magics_print_the_wall_time(self):
        reply, outputs = self.run_cell("%time Thread.sleep(10)")
        self.assertIn("Wall time", "".join(m["content"].get("text", "") for m in outputs))
        reply, outputs = self.run_cell("%%time\nint slept = 1;\nThread.sleep(10);")
        self.assertEqual(reply["status"], "ok", reply)
        self.assertIn("Wall time", "".join(m["content"].get("text", "") for m in outputs))

    def test_time_on_code_that_does_not_compile_prints_only_the_error(self):
        for code in ("%time int bad = undefinedThing;", "%%time\nint bad = undefinedThing;"):
            reply, outputs = self.run_cell(code)
            self.assertEqual(reply["status"], "error", code)
            self.assertEqual(reply["ename"], "CompilationError", code)
            self.assertNotIn("Wall time", "".join(m["content"].get("text", "") for m in outputs), code)

    def test_load_runs_a_jsh_and_a_java_file(self):
        with tempfile.TemporaryDirectory() as d:
            jsh = os.path.join(d, "helpers.jsh")
            with open(jsh, "w") as f:
                f.write("int triple(int x) { return 3 * x; }\n")
            java = os.path.join(d, "Point.java")
            with open(java, "w") as f:
                f.write("package demo;\n\npublic record Point(int x, int y) {}\n")
            self.run_cell("%load " + jsh)
            self.run_cell("%load " + java)
        self.assertEqual(self.value("triple(new Point(2, 3).y())"), "9")

    def test_classpath_adds_a_folder_of_jars(self):
        reply, _ = self.run_cell("%classpath /nonexistent/folder")
        self.assertEqual(reply["status"], "error")
        self.assertEqual(reply["ename"], "ClasspathError")


class StopOnErrorTests(KernelCase):
    def test_cells_queued_behind_a_failed_cell_are_aborted(self):
        failing = self.kc.execute('throw new IllegalStateException("first");')
        queued = self.kc.execute("int neverSet = 1;")
        reply, _ = self.collect(failing)
        self.assertEqual(reply["status"], "error")
        reply, _ = self.collect(queued)
        self.assertEqual(reply["status"], "aborted")
        self.assertEqual(self.run_cell("neverSet")[0]["status"], "error")

    def test_without_stop_on_error_queued_cells_still_run(self):
        failing = self.kc.execute('throw new IllegalStateException("first");', stop_on_error=False)
        queued = self.kc.execute("int setAnyway = 2;")
        self.assertEqual(self.collect(failing)[0]["status"], "error")
        self.assertEqual(self.collect(queued)[0]["status"], "ok")
        self.assertEqual(self.value("setAnyway"), "2")


class IgnoredSigintTests(KernelCase):
    """A kernel started by a process that ignores SIGINT (a shell's background job, nohup) inherits
    the ignore; it must still stop a cell on SIGINT, as Jupyter's interrupt by signal sends it."""

    @classmethod
    def setUpClass(cls):
        previous = signal.signal(signal.SIGINT, signal.SIG_IGN)
        try:
            super().setUpClass()
        finally:
            signal.signal(signal.SIGINT, previous)

    def test_sigint_still_stops_a_cell(self):
        with open("/proc/%d/status" % self.km.provisioner.process.pid) as f:
            ignored = int([l for l in f if l.startswith("SigIgn:")][0].split()[1], 16)
        self.assertEqual(ignored & 2, 0, "the kernel handles SIGINT again")
        msg_id = self.kc.execute('System.out.println("sleeping");\nThread.sleep(60_000);')
        deadline = time.time() + TIMEOUT
        while time.time() < deadline:
            msg = self.kc.get_iopub_msg(timeout=TIMEOUT)
            if msg["parent_header"].get("msg_id") == msg_id and msg["msg_type"] == "stream":
                break
        os.kill(self.km.provisioner.process.pid, signal.SIGINT)
        reply, _ = self.collect(msg_id, timeout=20)
        self.assertEqual(reply["ename"], "Interrupted")
        self.assertTrue(self.km.is_alive())


class TrainingDisplayTests(KernelCase):
    def test_training_shows_one_live_output_updated_in_place(self):
        reply, outputs = self.run_cell(
            "var mnist = Datasets.mnist();\n"
            "var small = Model.mlp(784, 32, 10).train(mnist.train(), Train.epochs(3).batchSize(32).adam(1e-3));",
            timeout=300,
        )
        self.assertEqual(reply["status"], "ok", reply)
        shown = [m for m in outputs if m["msg_type"] == "display_data"]
        updates = [m for m in outputs if m["msg_type"] == "update_display_data"]
        self.assertEqual(len(shown), 1, [m["msg_type"] for m in outputs])
        display_id = shown[0]["content"]["transient"]["display_id"]
        self.assertGreaterEqual(len(updates), 2)
        self.assertTrue(all(u["content"]["transient"]["display_id"] == display_id for u in updates))
        self.assertIn("<progress", updates[-1]["content"]["data"]["text/html"])
        self.assertIn("data:image/png;base64,", updates[-1]["content"]["data"]["text/html"])
        self.assertLess(len(outputs), 200)
        # Once drawn, the curve is in every later update: it never blinks out between redraws.
        drawn = [("data:image/png" in u["content"]["data"]["text/html"]) for u in updates]
        first = drawn.index(True)
        self.assertTrue(all(drawn[first:]), drawn)

    BLOBS = (
        "var rnd = new Random(7);\n"
        "float[][] rows = new float[2400][4]; int[] labels = new int[2400];\n"
        "for (int i = 0; i < rows.length; i++) { labels[i] = i % 3;"
        " for (int j = 0; j < 4; j++) rows[i][j] = (float) rnd.nextGaussian() + labels[i]; }\n"
        "var blobs = Dataset.of(\"blobs\", rows, labels, 3);\n"
    )

    def test_a_run_of_4800_batches_draws_them_all_downsampled(self):
        # Batch size 1 over 2,400 rows for 2 epochs: 4,800 batch losses, more than the 2,000 points
        # the live chart keeps; the last drawing must reach the end, thinned, not cut at 4,000.
        reply, outputs = self.run_cell(
            self.BLOBS + "var tiny = Model.mlp(4, 8, 3).train(blobs, Train.epochs(2).batchSize(1).sgd(0.01));",
            timeout=300)
        self.assertEqual(reply["status"], "ok", reply)
        final = [m for m in outputs if m["msg_type"] == "update_display_data"][-1]["content"]["data"]["text/html"]
        caption = re.search(r'alt="loss curve: ([\d,]+) batch losses drawn as ([\d,]+) points, up to epoch ([\d.]+)"', final)
        self.assertIsNotNone(caption, final[:600])
        batches, points, last = caption.groups()
        self.assertEqual(batches, "4,800")
        self.assertLessEqual(int(points.replace(",", "")), 2000)
        self.assertGreater(int(points.replace(",", "")), 500)
        self.assertEqual(last, "2.00")

    def test_tables_write_counts_with_separators_and_rates_briefly(self):
        reply, outputs = self.run_cell(
            self.BLOBS + "var wide = Model.mlp(4, 2048, 3).train(blobs, "
            "Train.epochs(6).batchSize(200).adam(1e-3).exponentialDecay(0.02));\n"
            "display(wide);\nwide.history()",
            timeout=300)
        self.assertEqual(reply["status"], "ok", reply)
        html = [m["content"]["data"]["text/html"] for m in outputs
                if m["msg_type"] in ("display_data", "execute_result") and "hone-table" in m["content"]["data"].get("text/html", "")]
        self.assertEqual(len(html), 2, [m["msg_type"] for m in outputs])
        summary, history = html
        for count in ("10,240", "6,147", "16,387", "65,548"):
            self.assertIn(">" + count + "<", summary)
        cells = re.findall(r"<td[^>]*>([^<]*)</td>", history)
        # lr 1e-3 * 0.02^5 = 3.2e-12: short forms, never 0.0000000000032000000000000004
        self.assertIn("3.2e-12", cells)
        self.assertFalse([c for c in cells if re.search(r"\d{8,}", c.replace(",", ""))], cells)


class CompletionTests(KernelCase):
    def complete(self, code):
        msg_id = self.kc.complete(code, len(code))
        while True:
            reply = self.kc.get_shell_msg(timeout=TIMEOUT)
            if reply["parent_header"].get("msg_id") == msg_id:
                return reply["content"]["matches"]

    def test_members_of_a_hone_value_come_first_without_object_plumbing(self):
        self.value("var cfg = Train.epochs(3);\n1")
        matches = self.complete("cfg.")
        for plumbing in ("wait(", "notify()", "notifyAll()", "getClass()", "hashCode()", "listenerOrDefault()"):
            self.assertNotIn(plumbing, matches)
        self.assertIn("adam(", matches)
        self.assertEqual(matches[-2:], ["equals(", "toString()"])
        self.assertEqual(self.complete("Precision.INT8.")[0], "bits()")

    def test_the_methods_a_user_reaches_for_are_there(self):
        # Issue 11, point 3: the README once listed adamW beside one-argument optimizers while it
        # took two, and standardized() existed on Split only ("cannot find symbol" on a Dataset).
        self.assertEqual(self.value("var std = Datasets.mnist().train().standardized();\nstd.size()"), "8000")
        self.assertEqual(self.value("Train.epochs(1).adamW(1e-3).optimizer().learningRate()"), "0.001")

    def test_hone_types_come_before_the_jdks(self):
        matches = self.complete("St")
        self.assertLess(matches.index("Standardizer"), matches.index("Stack"), matches)


class StdinTests(KernelCase):
    def answer(self, msg_id, value, prompt="", password=False):
        """Waits for the cell's input_request and types value, as a notebook's text box does."""
        msg = self.kc.get_stdin_msg(timeout=TIMEOUT)
        self.assertEqual(msg["msg_type"], "input_request")
        self.assertEqual(msg["parent_header"]["msg_id"], msg_id)
        self.assertEqual(msg["content"]["prompt"], prompt)
        self.assertEqual(msg["content"]["password"], password)
        self.kc.input(value)

    def result(self, msg_id):
        reply, outputs = self.collect(msg_id)
        self.assertEqual(reply["status"], "ok", reply)
        return [m for m in outputs if m["msg_type"] == "execute_result"][0]["content"]["data"]["text/plain"]

    def test_a_scanner_on_system_in_reads_a_line_typed_in_the_notebook(self):
        msg_id = self.kc.execute("var line = new Scanner(System.in).nextLine();\nline.toUpperCase()", allow_stdin=True)
        self.answer(msg_id, "hone kernel")
        self.assertEqual(self.result(msg_id), '"HONE KERNEL"')

    def test_system_in_read_gives_the_bytes_of_the_line_then_its_end(self):
        msg_id = self.kc.execute(
            'int a = System.in.read();\nint b = System.in.read();\na + "," + b + "," + System.in.read()', allow_stdin=True)
        self.answer(msg_id, "hi")
        self.assertEqual(self.result(msg_id), '"104,105,10"')

    def test_input_and_password_prompt_with_their_text(self):
        msg_id = self.kc.execute(
            'System.out.println("before");\nString who = input("Name: ");\n'
            'String secret = password("Token: ");\nwho + ":" + secret.length()', allow_stdin=True)
        self.answer(msg_id, "ada", prompt="Name: ")
        self.answer(msg_id, "xyz", prompt="Token: ", password=True)
        self.assertEqual(self.result(msg_id), '"ada:3"')

    def test_without_allow_stdin_a_read_fails_and_says_why(self):
        for code in ("new Scanner(System.in).nextLine()", 'input("Name: ")', "System.in.read()"):
            msg_id = self.kc.execute(code, allow_stdin=False)
            reply, _ = self.collect(msg_id)
            self.assertEqual(reply["status"], "error", code)
            self.assertEqual(reply["ename"], "dev.hone.kernel.input.NoInputException", code)
            self.assertIn("allow_stdin=false", reply["evalue"], code)

    def test_an_interrupt_ends_a_wait_for_input(self):
        self.assertEqual(self.value("int waited = 7;\nwaited"), "7")
        msg_id = self.kc.execute('input("never answered: ")', allow_stdin=True)
        msg = self.kc.get_stdin_msg(timeout=TIMEOUT)
        self.assertEqual(msg["msg_type"], "input_request")
        self.interrupt_by_message()
        reply, _ = self.collect(msg_id, timeout=20)
        self.assertEqual(reply["ename"], "Interrupted")
        self.assertEqual(self.value("waited"), "7")


def _running(pid):
    """Whether pid is a live process (a zombie waiting to be reaped counts as gone)."""
    try:
        with open("/proc/%d/stat" % pid) as f:
            return f.read().rsplit(")", 1)[1].split()[0] != "Z"
    except FileNotFoundError:
        return False


class OrphanTests(unittest.TestCase):
    CLIENT = """
import sys, time
from jupyter_client.manager import start_new_kernel
km, kc = start_new_kernel(kernel_name="hone", startup_timeout=120)
with open(sys.argv[1], "w") as f:
    f.write(str(km.provisioner.process.pid))
time.sleep(600)
"""

    def test_a_kernel_whose_client_was_killed_exits_within_seconds(self):
        with tempfile.TemporaryDirectory() as d:
            pid_file = os.path.join(d, "kernel.pid")
            client = subprocess.Popen([sys.executable, "-c", self.CLIENT, pid_file])
            kernel_pid = None
            try:
                deadline = time.time() + 150
                while time.time() < deadline and not (os.path.exists(pid_file) and os.path.getsize(pid_file)):
                    self.assertIsNone(client.poll(), "the client died before the kernel was ready")
                    time.sleep(0.2)
                with open(pid_file) as f:
                    kernel_pid = int(f.read())
                # While the client lives, so does the kernel (the watch checks every second).
                time.sleep(2.5)
                self.assertTrue(_running(kernel_pid), "the kernel exited while its client was alive")
                client.kill()
                client.wait()
                killed = time.time()
                while time.time() - killed < 15 and _running(kernel_pid):
                    time.sleep(0.1)
                self.assertFalse(_running(kernel_pid), "the kernel outlived its client by 15 s")
                print("kernel exited %.1f s after its client was killed" % (time.time() - killed))
            finally:
                if client.poll() is None:
                    client.kill()
                if kernel_pid is not None and _running(kernel_pid):
                    os.kill(kernel_pid, signal.SIGKILL)


if __name__ == "__main__":
    unittest.main()
