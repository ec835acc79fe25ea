"""A manual check that Hone's widgets render and work in the classic notebook, with Debian's
python3-widgetsnbextension, in headless Chromium: it runs a slider and an output area, moves the
slider through the slider's own view (as a drag does), and prints what the page shows.

usage (after `mvn -q -B -DskipTests package && kernel/install.sh --prefix /tmp/hone-k`):
  JUPYTER_PATH=/tmp/hone-k/share/jupyter /usr/bin/python3 kernel/src/test/python/widgets_in_chromium.py [shot.png]
Needs Debian's jupyter-notebook, python3-widgetsnbextension, chromium and python3-websocket. Not
part of `mvn verify`: the automated widget test (test_widgets.py) drives the comm protocol itself.
"""
import base64
import json
import os
import subprocess
import sys
import tempfile
import time
import urllib.request

import nbformat
import websocket

CELL = '''Table variants = Table.create("variants",
    IntColumn.create("sparsity", new int[] {0, 50, 70}),
    DoubleColumn.create("accuracy", new double[] {0.971, 0.968, 0.944}));
var sparsity = Widgets.intSlider("sparsity %", 0, 90, 10, 50);
var out = Widgets.output();
out.replace(variants.where(variants.intColumn("sparsity").isEqualTo(50)));
sparsity.onChange(s -> {
  System.out.println("observer saw " + s);
  out.replace(variants.where(variants.intColumn("sparsity").isEqualTo(s)));
});
Widgets.column(sparsity, out)'''
DROPDOWN = 'var figure = Widgets.dropdown("figure", List.of("accuracy", "file bytes"), "accuracy");\nfigure'
NOTEBOOK_PORT, DEBUG_PORT = 8899, 9222


class Page:
    def __init__(self, url):
        self.ws = websocket.create_connection(url, timeout=60)
        self.seq = 0

    def call(self, method, **params):
        self.seq += 1
        self.ws.send(json.dumps({"id": self.seq, "method": method, "params": params}))
        while True:
            msg = json.loads(self.ws.recv())
            if msg.get("id") == self.seq:
                return msg.get("result", {})

    def js(self, expr):
        r = self.call("Runtime.evaluate", expression=expr, returnByValue=True, awaitPromise=True)
        return r.get("result", {}).get("value")

    def wait(self, expr, seconds=120):
        deadline = time.time() + seconds
        while time.time() < deadline:
            value = self.js(expr)
            if value:
                return value
            time.sleep(1)
        return None


def debugger_url():
    for _ in range(60):
        try:
            pages = [t for t in json.load(urllib.request.urlopen("http://127.0.0.1:%d/json" % DEBUG_PORT))
                     if t["type"] == "page"]
            if pages:
                return pages[0]["webSocketDebuggerUrl"]
        except OSError:
            pass
        time.sleep(1)
    raise SystemExit("Chromium did not start")


def area_text(contains, lacks=None):
    check = "t.indexOf('%s') >= 0" % contains + (" && t.indexOf('%s') < 0" % lacks if lacks else "")
    return ("(function(){var a = document.querySelector('.widget-area'); var t = a ? a.innerText : '';"
            " return %s ? t.replace(/\\s+/g, ' ').slice(0, 200) : null})()" % check)


def main():
    shot = sys.argv[1] if len(sys.argv) > 1 else "widgets.png"
    folder = tempfile.mkdtemp(prefix="hone-widgets-")
    nb = nbformat.v4.new_notebook()
    nb.metadata = {"kernelspec": {"name": "hone", "display_name": "Java (Hone)", "language": "java"}}
    nb.cells = [nbformat.v4.new_code_cell(CELL), nbformat.v4.new_code_cell(DROPDOWN)]
    nbformat.write(nb, os.path.join(folder, "widgets.ipynb"))
    server = subprocess.Popen(
        ["/usr/bin/python3", "-m", "notebook", "--no-browser", "--port", str(NOTEBOOK_PORT), "--ip", "127.0.0.1",
         "--NotebookApp.token=", "--NotebookApp.password=", "--allow-root", "--notebook-dir", folder],
        stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    browser = None
    try:
        time.sleep(5)
        browser = subprocess.Popen(
            ["chromium", "--headless=new", "--no-sandbox", "--disable-gpu", "--window-size=1200,800",
             "--remote-debugging-port=%d" % DEBUG_PORT, "about:blank"],
            stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        page = Page(debugger_url())
        page.call("Page.navigate", url="http://127.0.0.1:%d/notebooks/widgets.ipynb" % NOTEBOOK_PORT)
        print("widget manager ready:", page.wait(
            "typeof Jupyter !== 'undefined' && Jupyter.notebook && Jupyter.notebook.kernel"
            " && Jupyter.notebook.kernel.widget_manager !== undefined"))
        page.wait("Jupyter.notebook.kernel.is_connected() && Jupyter.notebook.kernel._msg_callbacks !== undefined")
        time.sleep(8)  # JShell starting
        page.js("Jupyter.notebook.execute_all_cells()")
        print("slider readout:", page.wait("document.querySelector('.widget-readout') && document.querySelector('.widget-readout').textContent"))
        print("output area, 50%:", page.wait(area_text("0.968"), 60))
        print("dropdown shown:", page.wait("document.querySelector('.widget-dropdown select, .widget-dropdown button, .widget-select select') ? 'yes' : null", 30))
        page.js("""(async function(){
            var manager = Jupyter.notebook.kernel.widget_manager;
            for (var id in manager._models) {
              var model = await manager._models[id];
              if (model.get('_model_name') === 'IntSliderModel') {
                var view = await Object.values(model.views)[0];
                model.set('value', 70); view.touch(); return id;
              }
            }})()""")
        print("output area, 70%:", page.wait(area_text("0.944", "0.968"), 60))
        print("observer output in the cell:", page.wait("document.body.innerText.indexOf('observer saw 70') >= 0 ? 'yes' : null", 30))
        print("Out[n] prompts:", page.js("Array.from(document.querySelectorAll('.output_prompt'))"
                                         ".map(e => e.innerText.trim()).filter(t => t).join(' | ') || 'none'"))
        with open(shot, "wb") as f:
            f.write(base64.b64decode(page.call("Page.captureScreenshot", format="png")["data"]))
        print("screenshot:", shot)
    finally:
        if browser:
            browser.terminate()
        server.terminate()


if __name__ == "__main__":
    main()
