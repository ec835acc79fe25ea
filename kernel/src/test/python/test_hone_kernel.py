"""Jupyter's kernel conformance suite (jupyter_kernel_test), configured for the Hone kernel.

Run by KernelIntegrationTest with JUPYTER_PATH pointing at a kernelspec installed for the test;
by hand: JUPYTER_PATH=... /usr/bin/python3 -m unittest -v test_hone_kernel
"""
import unittest

import jupyter_kernel_test as jkt


class HoneKernelConformance(jkt.KernelTests):
    kernel_name = "hone"
    language_name = "java"
    file_extension = ".jsh"

    code_hello_world = 'System.out.println("hello, world");'
    code_stderr = 'System.err.println("something went wrong");'

    completion_samples = [
        {"text": "Math.ma", "matches": {"max("}},
        {"text": "Model.ml", "matches": {"mlp("}},
        {"text": "%lsm", "matches": {"%lsmagic"}},
    ]
    complete_code_samples = ["1 + 1", "int x = 1;", "System.out.println(1);", "%lsmagic", "x"]
    incomplete_code_samples = ["for (int i = 0; i < 3; i++) {", "int y =", "void f() {"]
    invalid_code_samples = ["x ++ )", "int 3 = 4;)"]

    code_generate_error = 'throw new IllegalStateException("boom");'

    code_execute_result = [
        {"code": "6 * 7", "result": "42"},
        {"code": '"a" + "b"', "result": '"ab"'},
        {"code": 'Table.create("t", IntColumn.create("a", 1, 2))', "mime": "text/html"},
    ]
    code_display_data = [
        {"code": 'display(Table.create("t", IntColumn.create("a", 1, 2)));', "mime": "text/html"},
        {
            "code": 'var ch = new XYChartBuilder().width(200).height(150).build();\n'
            'ch.addSeries("s", new double[] {1, 2}, new double[] {2, 1});\n'
            "display(ch);",
            "mime": "image/png",
        },
        {"code": '%%html\n<b>bold</b>', "mime": "text/html"},
        {"code": '%%markdown\n# Title', "mime": "text/markdown"},
    ]

    code_history_pattern = "6 * 7"
    supported_history_operations = ("tail", "range", "search")

    code_inspect_sample = "Model.mlp"
    code_page_something = "Model.mlp?"
    code_clear_output = "clearOutput(false);"


if __name__ == "__main__":
    unittest.main()
