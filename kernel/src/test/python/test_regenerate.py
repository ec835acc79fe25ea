"""notebooks/regenerate.sh, the documented command that refreshes the committed notebooks: it runs
a notebook through the real kernel and saves it in place with its outputs. The build and install
steps are skipped here (HONE_JUPYTER_PATH names the test's kernelspec, which the test run built)."""
import json
import os
import subprocess
import tempfile
import unittest

ROOT = os.path.abspath(os.path.join(os.path.dirname(__file__), "..", "..", "..", ".."))
SCRIPT = os.path.join(ROOT, "notebooks", "regenerate.sh")


def cell(source):
    return {"cell_type": "code", "execution_count": None, "metadata": {}, "outputs": [], "source": source}


class RegenerateTests(unittest.TestCase):
    def run_script(self, *args):
        env = dict(os.environ, HONE_JUPYTER_PATH=os.environ["JUPYTER_PATH"])
        return subprocess.run([SCRIPT, *args], cwd=ROOT, env=env, capture_output=True, text=True, timeout=600)

    def test_a_notebook_is_saved_in_place_with_the_outputs_of_its_run(self):
        with tempfile.TemporaryDirectory() as folder:
            path = os.path.join(folder, "tiny.ipynb")
            notebook = {
                "cells": [
                    cell("int answer = 6 * 7;\nanswer"),
                    cell('var chart = Charts.xy("line", "x", "y", 320, 200);\n'
                         'chart.addSeries("y", new double[] {0, 1, 2}, new double[] {1, 0, 2});\nchart'),
                ],
                "metadata": {"kernelspec": {"name": "hone", "display_name": "Hone (Java)", "language": "java"}},
                "nbformat": 4, "nbformat_minor": 5,
            }
            with open(path, "w") as f:
                json.dump(notebook, f)
            done = self.run_script(path)
            self.assertEqual(done.returncode, 0, done.stdout + done.stderr)
            self.assertIn("tiny.ipynb done in", done.stderr)
            with open(path) as f:
                saved = json.load(f)
            first, second = saved["cells"]
            self.assertEqual(first["execution_count"], 1)
            self.assertEqual("".join(first["outputs"][0]["data"]["text/plain"]), "42")
            self.assertIn("image/png", second["outputs"][0]["data"])

    def test_a_prefix_that_names_no_notebook_is_refused_by_name(self):
        done = self.run_script("99")
        self.assertEqual(done.returncode, 2)
        self.assertIn("no notebook in notebooks/ starts with '99'", done.stderr)

    def test_a_missing_notebook_file_is_refused_by_name(self):
        done = self.run_script("/nonexistent/x.ipynb")
        self.assertEqual(done.returncode, 2)
        self.assertIn("no notebook file '/nonexistent/x.ipynb'", done.stderr)


if __name__ == "__main__":
    unittest.main()
