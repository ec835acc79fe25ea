"""Executes notebooks through the Hone kernel with nbclient and checks their outputs.

usage: run_notebooks.py NOTEBOOK...   (JUPYTER_PATH must reach the hone kernelspec)
Fails when a cell errors, when no output has text/html, or when no output has an image/png.
"""
import os
import sys

import nbformat
from nbclient import NotebookClient


def check(path):
    nb = nbformat.read(path, as_version=4)
    # The kernel starts in the notebook's folder, as Jupyter and nbconvert start it, so relative
    # paths in a notebook (notebook 6's %classpath ../spark/target/...) mean the same everywhere.
    folder = os.path.dirname(os.path.abspath(path))
    NotebookClient(nb, kernel_name="hone", timeout=600, startup_timeout=120,
                   resources={"metadata": {"path": folder}}).execute()
    mimes = set()
    for cell in nb.cells:
        for out in cell.get("outputs", []):
            if out.get("output_type") == "error":
                raise AssertionError("%s: a cell failed: %s: %s" % (path, out.get("ename"), out.get("evalue")))
            mimes.update(out.get("data", {}).keys())
    for wanted in ("text/html", "image/png", "text/plain"):
        if wanted not in mimes:
            raise AssertionError("%s: no output has %s (saw %s)" % (path, wanted, sorted(mimes)))
    print("%s: ok, output types %s" % (path, sorted(mimes)))


if __name__ == "__main__":
    for notebook in sys.argv[1:]:
        check(notebook)
