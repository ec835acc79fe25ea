"""Comms and widgets through the real kernel: jupyter_client plays the browser, sending the
comm messages that Debian's widget JavaScript (jupyter-js-widgets 2.1, ipywidgets 6) sends."""
import os
import re
import time
import unittest

from test_kernel_behaviour import KernelCase, TIMEOUT

VIEW = "application/vnd.jupyter.widget-view+json"


class WidgetCase(KernelCase):
    def send(self, msg_type, content):
        """Sends a shell message as the front end would; returns its msg_id."""
        msg = self.kc.session.msg(msg_type, content)
        self.kc.shell_channel.send(msg)
        return msg["header"]["msg_id"]

    def published(self, msg_id, timeout=TIMEOUT):
        """Returns the IOPub messages caused by msg_id, up to its idle status."""
        outputs = []
        deadline = time.time() + timeout
        while True:
            msg = self.kc.get_iopub_msg(timeout=max(1, deadline - time.time()))
            if msg["parent_header"].get("msg_id") != msg_id:
                continue
            if msg["msg_type"] == "status" and msg["content"]["execution_state"] == "idle":
                return outputs
            if msg["msg_type"] != "status":
                outputs.append(msg)

    def comm_info(self, target=None):
        content = {} if target is None else {"target_name": target}
        msg_id = self.send("comm_info_request", content)
        while True:
            reply = self.kc.get_shell_msg(timeout=TIMEOUT)
            if reply["parent_header"].get("msg_id") == msg_id:
                self.assertEqual(reply["msg_type"], "comm_info_reply")
                return reply["content"]["comms"]

    def opened(self, outputs):
        """Maps model name to the data of each comm_open for jupyter.widget in outputs."""
        opens = [m["content"] for m in outputs if m["msg_type"] == "comm_open"]
        for o in opens:
            self.assertEqual(o["target_name"], "jupyter.widget")
        return {o["data"]["_model_name"]: dict(o["data"], comm_id=o["comm_id"]) for o in opens}

    def move(self, comm_id, **changes):
        """Sends what the browser sends when the user changes a widget; returns the IOPub replies."""
        msg_id = self.send("comm_msg", {"comm_id": comm_id,
                                        "data": {"method": "backbone", "sync_data": changes}})
        return msg_id, self.published(msg_id)


NBEXTENSION = "/usr/share/jupyter/nbextensions/jupyter-js-widgets/extension.js"


class FrontEndTests(unittest.TestCase):
    def test_debians_widget_javascript_is_the_version_the_kernel_speaks(self):
        self.assertTrue(os.path.exists(NBEXTENSION),
                        "install Debian's python3-widgetsnbextension (.ci/prerequisites.sh does)")
        with open(NBEXTENSION, encoding="utf-8") as f:
            script = f.read()
        # jupyter-js-widgets' package.json is bundled as {version:"2.1.4"}; the kernel asks for ~2.1.4.
        versions = re.findall(r'\{version:"(\d+\.\d+\.\d+)"\}', script)
        self.assertTrue(any(v.startswith("2.1.") for v in versions), versions)
        for name in ("IntSliderModel", "FloatSliderModel", "DropdownModel", "OutputModel", "VBoxModel",
                     "jupyter.widget.version", "sync_data"):
            self.assertIn(name, script)


class CommTests(WidgetCase):
    def test_the_front_ends_version_check_is_answered_with_the_widget_module_range(self):
        msg_id = self.send("comm_open", {"comm_id": "version-1", "target_name": "jupyter.widget.version",
                                         "data": {}})
        outputs = self.published(msg_id)
        replies = [m["content"] for m in outputs if m["msg_type"] == "comm_msg"]
        self.assertEqual(len(replies), 1, outputs)
        self.assertEqual(replies[0]["comm_id"], "version-1")
        self.assertEqual(replies[0]["data"], {"version": "~2.1.4"})
        self.assertEqual(self.comm_info("jupyter.widget.version"), {"version-1": {"target_name": "jupyter.widget.version"}})
        self.published(self.send("comm_msg", {"comm_id": "version-1",
                                              "data": {"validated": True, "frontend_version": "2.1.4"}}))

    def test_a_comm_opened_for_an_unknown_target_is_closed_at_once(self):
        msg_id = self.send("comm_open", {"comm_id": "nobody-1", "target_name": "no.such.target", "data": {}})
        outputs = self.published(msg_id)
        self.assertEqual([(m["msg_type"], m["content"]["comm_id"]) for m in outputs], [("comm_close", "nobody-1")])
        self.assertNotIn("nobody-1", self.comm_info())


class WidgetTests(WidgetCase):
    def test_a_sparsity_slider_redraws_precomputed_results_in_an_output_area(self):
        reply, outputs = self.run_cell(
            'Table variants = Table.create("variants",\n'
            '    IntColumn.create("sparsity", 0, 50, 70),\n'
            '    DoubleColumn.create("accuracy", 0.971, 0.968, 0.944),\n'
            '    IntColumn.create("bytes", 407080, 203540, 122124));\n'
            'var sparsity = Widgets.intSlider("sparsity %", 0, 90, 10, 50);\n'
            'var out = Widgets.output();\n'
            'out.replace(variants.where(variants.intColumn("sparsity").isEqualTo(50)));\n'
            'List<Integer> seen = new ArrayList<>();\n'
            'sparsity.onChange(s -> {\n'
            '  seen.add(s);\n'
            '  System.out.println("redrawing for " + s);\n'
            '  out.replace(variants.where(variants.intColumn("sparsity").isEqualTo(s)));\n'
            '});\n'
            'Widgets.column(sparsity, out)')
        self.assertEqual(reply["status"], "ok", reply)
        models = self.opened(outputs)
        self.assertEqual(set(models), {"IntSliderModel", "OutputModel", "VBoxModel"})
        slider, out, column = models["IntSliderModel"], models["OutputModel"], models["VBoxModel"]
        for m in (slider, out, column):
            self.assertEqual(m["_model_module"], "jupyter-js-widgets")
            self.assertEqual(m["_model_module_version"], "~2.1.4")
            self.assertEqual(m["state"]["_model_name"], m["_model_name"])
        self.assertEqual((slider["value"], slider["min"], slider["max"], slider["step"]), (50, 0, 90, 10))
        self.assertEqual(slider["description"], "sparsity %")
        self.assertEqual(slider["_view_name"], "IntSliderView")
        self.assertEqual(column["children"], ["IPY_MODEL_" + slider["comm_id"], "IPY_MODEL_" + out["comm_id"]])
        # The first content went into the output area while the cell ran: captured by msg_id.
        types = [m["msg_type"] for m in outputs]
        shown = [m for m in outputs if m["msg_type"] == "display_data" and "text/html" in m["content"]["data"]]
        self.assertEqual(len(shown), 1, types)
        self.assertIn("0.968", shown[0]["content"]["data"]["text/html"])
        captures = [m["content"]["data"]["state"]["msg_id"] for m in outputs
                    if m["msg_type"] == "comm_msg" and m["content"]["comm_id"] == out["comm_id"]
                    and "msg_id" in m["content"]["data"].get("state", {})]
        self.assertEqual(captures, [shown[0]["parent_header"]["msg_id"], ""])
        # The column is the cell's result: a display message for the classic front end, and the view.
        displays = [m["content"]["comm_id"] for m in outputs
                    if m["msg_type"] == "comm_msg" and m["content"]["data"].get("method") == "display"]
        self.assertEqual(displays, [column["comm_id"]])
        # Shown as ipykernel shows a widget: display_data with the view and no text, which the
        # classic notebook would print under the widget; no execute_result, so no Out[n] prompt.
        self.assertFalse([m for m in outputs if m["msg_type"] == "execute_result"], types)
        views = [m["content"]["data"] for m in outputs if m["msg_type"] == "display_data" and VIEW in m["content"]["data"]]
        self.assertEqual(views, [{VIEW: {"model_id": column["comm_id"], "version_major": 2, "version_minor": 0}}])
        self.assertEqual(self.value("sparsity.toString()"), '"IntSlider(sparsity % = 50, range 0..90)"')
        self.assertEqual(set(self.comm_info("jupyter.widget")) >= {slider["comm_id"], out["comm_id"], column["comm_id"]}, True)

        # The user drags the slider to 70: the observer runs and the area gets the new row.
        msg_id, outputs = self.move(slider["comm_id"], value=70)
        streams = "".join(m["content"]["text"] for m in outputs if m["msg_type"] == "stream")
        self.assertIn("redrawing for 70", streams)
        shown = [m for m in outputs if m["msg_type"] == "display_data"]
        self.assertEqual(len(shown), 1, [m["msg_type"] for m in outputs])
        self.assertIn("0.944", shown[0]["content"]["data"]["text/html"])
        self.assertNotIn("0.968", shown[0]["content"]["data"]["text/html"])
        out_states = [m["content"]["data"]["state"] for m in outputs
                      if m["msg_type"] == "comm_msg" and m["content"]["comm_id"] == out["comm_id"]]
        self.assertEqual(out_states, [{"msg_id": msg_id}, {"msg_id": ""}])
        cleared = [m["content"]["wait"] for m in outputs if m["msg_type"] == "clear_output"]
        self.assertEqual(cleared, [True])
        # The change came from the browser, so it is not echoed back to it.
        self.assertFalse([m for m in outputs if m["msg_type"] == "comm_msg" and m["content"]["comm_id"] == slider["comm_id"]])
        self.assertEqual(self.value("seen"), "[70]")
        self.assertEqual(self.value("sparsity.value()"), "70")
        self.assertEqual(self.value("out.contents().size()"), "1")

        # A value outside the range (a stale view) is clamped, and the browser is told.
        _, outputs = self.move(slider["comm_id"], value=500)
        sent = [m["content"]["data"]["state"] for m in outputs
                if m["msg_type"] == "comm_msg" and m["content"]["comm_id"] == slider["comm_id"]]
        self.assertEqual(sent, [{"value": 90}])
        self.assertEqual(self.value("seen"), "[70, 90]")

        # Setting the value from code moves the slider in the browser and runs the observer too.
        reply, outputs = self.run_cell("sparsity.value(0)")
        self.assertFalse([m for m in outputs if m["msg_type"] == "execute_result"], "a setter shows nothing")
        sent = [m["content"]["data"]["state"] for m in outputs
                if m["msg_type"] == "comm_msg" and m["content"]["comm_id"] == slider["comm_id"]]
        self.assertEqual(sent, [{"value": 0}])
        self.assertEqual(self.value("seen"), "[70, 90, 0]")

        # The front end asks for the state again (a page reload).
        msg_id = self.send("comm_msg", {"comm_id": slider["comm_id"], "data": {"method": "request_state"}})
        states = [m["content"]["data"] for m in self.published(msg_id) if m["msg_type"] == "comm_msg"]
        self.assertEqual(states[0]["method"], "update")
        self.assertEqual(states[0]["state"]["value"], 0)
        self.assertEqual(states[0]["state"]["_model_name"], "IntSliderModel")

        # Closing from the front end ends the comm in the kernel too.
        self.published(self.send("comm_close", {"comm_id": slider["comm_id"], "data": {}}))
        self.assertNotIn(slider["comm_id"], self.comm_info())
        self.assertEqual(self.value("sparsity.isOpen()"), "false")

    def test_a_dropdown_and_a_float_slider_take_the_browsers_choices(self):
        reply, outputs = self.run_cell(
            'var precision = Widgets.dropdown("precision", List.of("FP32", "INT8"), "FP32");\n'
            'var rate = Widgets.floatSlider("learning rate", 0.0, 0.01, 0.001, 0.001);\n'
            'List<String> picked = new ArrayList<>();\n'
            'precision.onChange(picked::add);\n'
            'rate.onChange(r -> picked.add("rate " + r));\n'
            'display(rate);\n'
            'precision')
        self.assertEqual(reply["status"], "ok", reply)
        models = self.opened(outputs)
        dropdown, rate = models["DropdownModel"], models["FloatSliderModel"]
        self.assertEqual(dropdown["_options_labels"], ["FP32", "INT8"])
        self.assertEqual(dropdown["value"], "FP32")
        self.assertEqual(rate["value"], 0.001)
        shown = [m["content"]["data"][VIEW]["model_id"] for m in outputs if m["msg_type"] == "display_data"]
        self.assertEqual(shown, [rate["comm_id"], dropdown["comm_id"]])

        self.move(dropdown["comm_id"], value="INT8")
        self.move(rate["comm_id"], value=0.005)
        self.assertEqual(self.value("picked"), '[INT8, rate 0.005]')
        # A label that is not an option is refused, and the real choice sent back.
        _, outputs = self.move(dropdown["comm_id"], value="FP16")
        sent = [m["content"]["data"]["state"] for m in outputs if m["msg_type"] == "comm_msg"]
        self.assertEqual(sent, [{"value": "INT8"}])
        self.assertEqual(self.value("precision.value()"), '"INT8"')

    def test_an_observer_that_throws_reports_in_the_cell_and_the_kernel_goes_on(self):
        reply, outputs = self.run_cell(
            'var fragile = Widgets.intSlider("n", 0, 10, 1, 0);\n'
            'fragile.onChange(v -> { throw new IllegalStateException("observer failed at " + v); });\n'
            'fragile')
        slider = self.opened(outputs)["IntSliderModel"]
        _, outputs = self.move(slider["comm_id"], value=3)
        errors = "".join(m["content"]["text"] for m in outputs if m["msg_type"] == "stream" and m["content"]["name"] == "stderr")
        self.assertIn("observer failed at 3", errors)
        self.assertEqual(self.value("fragile.value()"), "3")

    def test_the_stop_button_interrupts_a_slow_observer_and_the_kernel_goes_on(self):
        reply, outputs = self.run_cell(
            'var slow = Widgets.intSlider("slow", 0, 10, 1, 0);\n'
            'slow.onChange(v -> {\n'
            '  try { Thread.sleep(60_000); } catch (InterruptedException e) { System.out.println("observer interrupted"); }\n'
            '});\n'
            'slow')
        slider = self.opened(outputs)["IntSliderModel"]
        msg_id = self.send("comm_msg", {"comm_id": slider["comm_id"],
                                        "data": {"method": "backbone", "sync_data": {"value": 4}}})
        time.sleep(2)
        started = time.time()
        self.km.interrupt_kernel()
        outputs = self.published(msg_id, timeout=20)
        self.assertLess(time.time() - started, 10)
        self.assertIn("observer interrupted", "".join(m["content"].get("text", "") for m in outputs))
        self.assertEqual(self.value("slow.value()"), "4")

    def test_bad_widget_arguments_name_the_value(self):
        reply, _ = self.run_cell('Widgets.intSlider("k", 10, 0, 1, 5)')
        self.assertEqual(reply["status"], "error")
        self.assertIn("min must be at most max, was min=10, max=0", reply["evalue"])
        reply, _ = self.run_cell('Widgets.dropdown("p", List.of("a", "b"), "c")')
        self.assertIn("value must be one of [a, b], was c", reply["evalue"])


if __name__ == "__main__":
    unittest.main()
