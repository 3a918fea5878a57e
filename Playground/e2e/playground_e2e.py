#!/usr/bin/env python3
"""End-to-end test of the Backprop playground in headless Chromium.

Starts `backprop-playground --port 0`, drives Debian's chromium through chromedriver (the W3C
WebDriver protocol over plain HTTP/JSON: no package beyond the standard library and NumPy),
and checks, as a person would see it:

  1. the page connects and a default network trains on spirals with no action;
  2. training on spirals (clicked) brings the test cost below --threshold;
  3. the output heat map and the network diagram were drawn (canvas pixels, not elements);
  4. the page redraws at >= --min-fps while the server trains at >= --min-steps steps/s
     (both as the page reports them: requestAnimationFrame redraws counted by the page, the
     server's measured steps per second);
  5. paused, a click on a training point opens the backprop view, and its dW for layer 1 equals
     an independent NumPy forward/backward pass on the model downloaded (safetensors) from the
     same session, for the same example;
  6. the gradient check button reports a relative difference below 1e-6;
  7. the reproduce panel shows the `backprop train` command line.

Screenshots go to --screenshots. Usage:

  python3 e2e/playground_e2e.py --server .build/debug/backprop-playground --screenshots /tmp/playground-e2e
"""
import argparse
import base64
import json
import os
import struct
import subprocess
import sys
import time
import urllib.request

import numpy as np



class Driver:
    """A minimal WebDriver client over HTTP/JSON."""

    def __init__(self, port):
        self.base = f"http://127.0.0.1:{port}"
        caps = {"capabilities": {"alwaysMatch": {"browserName": "chrome", "goog:chromeOptions": {
            "binary": "/usr/bin/chromium",
            "args": ["--headless=new", "--no-sandbox", "--disable-dev-shm-usage", "--window-size=1400,1000",
                     "--hide-scrollbars", "--force-device-scale-factor=1"]}}}}
        self.session = self.call("POST", "/session", caps)["sessionId"]

    def call(self, method, path, body=None, timeout=60):
        data = json.dumps(body).encode() if body is not None else (b"{}" if method == "POST" else None)
        request = urllib.request.Request(self.base + path, data=data, method=method,
                                         headers={"Content-Type": "application/json"})
        with urllib.request.urlopen(request, timeout=timeout) as response:
            return json.loads(response.read())["value"]

    def s(self, method, path, body=None):
        return self.call(method, f"/session/{self.session}{path}", body)

    def js(self, script, *args):
        return self.s("POST", "/execute/sync", {"script": script, "args": list(args)})

    def find(self, css):
        value = self.s("POST", "/element", {"using": "css selector", "value": css})
        return next(iter(value.values()))

    def click(self, css):
        self.s("POST", f"/element/{self.find(css)}/click")

    def screenshot(self, path, css=None):
        data = self.s("GET", f"/element/{self.find(css)}/screenshot" if css else "/screenshot")
        with open(path, "wb") as f:
            f.write(base64.b64decode(data))
        return os.path.getsize(path)

    def quit(self):
        try:
            self.s("DELETE", "")
        except Exception:
            pass


def wait(description, condition, timeout, interval=0.25):
    end = time.time() + timeout
    while time.time() < end:
        value = condition()
        if value:
            return value
        time.sleep(interval)
    raise AssertionError(f"timed out after {timeout} s waiting for {description}")


def read_safetensors(data):
    """The tensors of a safetensors file (F64/F32) as NumPy arrays, by name."""
    (length,) = struct.unpack("<Q", data[:8])
    header = json.loads(data[8:8 + length])
    body = data[8 + length:]
    tensors = {}
    for name, info in header.items():
        if name == "__metadata__":
            continue
        dtype = {"F64": "<f8", "F32": "<f4"}[info["dtype"]]
        start, end = info["data_offsets"]
        tensors[name] = np.frombuffer(body[start:end], dtype=dtype).reshape(info["shape"]).astype(np.float64)
    return tensors, header.get("__metadata__", {})


def numpy_dW(tensors, metadata, x, y):
    """dW of every layer for one example: tanh/relu/sigmoid/identity hidden layers, softmax output
    with cross-entropy (dZ_L = A_L − Y), as written from the course's equations in NumPy."""
    activations = json.loads(metadata["activations"])
    L = len(activations)
    g = {"tanh": np.tanh, "relu": lambda z: np.maximum(z, 0), "sigmoid": lambda z: 1 / (1 + np.exp(-z)),
         "identity": lambda z: z}
    dg = {"tanh": lambda z: 1 - np.tanh(z) ** 2, "relu": lambda z: (z > 0).astype(float),
          "sigmoid": lambda z: g["sigmoid"](z) * (1 - g["sigmoid"](z)), "identity": lambda z: np.ones_like(z)}
    A, As, Zs = x, [x], []
    for l in range(1, L + 1):
        W, b = tensors[f"{2 * (l - 1)}.weight"], tensors[f"{2 * (l - 1)}.bias"].reshape(-1, 1)
        Z = W @ A + b
        if activations[l - 1] == "softmax":
            e = np.exp(Z - Z.max(axis=0, keepdims=True))
            A = e / e.sum(axis=0, keepdims=True)
        else:
            A = g[activations[l - 1]](Z)
        Zs.append(Z)
        As.append(A)
    m = x.shape[1]
    dZ = As[L] - y
    dWs = {}
    for l in range(L, 0, -1):
        dWs[l] = dZ @ As[l - 1].T / m
        if l > 1:
            dA = tensors[f"{2 * (l - 1)}.weight"].T @ dZ
            dZ = dA * dg[activations[l - 2]](Zs[l - 2])
    return dWs


CANVAS_STATS = """
const c = document.getElementById(arguments[0]), ctx = c.getContext('2d');
const d = ctx.getImageData(0, 0, c.width, c.height).data, colours = new Set();
let painted = 0;
for (let i = 0; i < d.length; i += 4) {
  if (d[i + 3] > 0 && !(d[i] > 250 && d[i + 1] > 250 && d[i + 2] > 250)) painted++;
  colours.add((d[i] >> 3) << 10 | (d[i + 1] >> 3) << 5 | (d[i + 2] >> 3));
}
return {colours: colours.size, painted: painted / (c.width * c.height)};
"""


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--server", default=".build/debug/backprop-playground")
    parser.add_argument("--screenshots", default="/tmp/playground-e2e")
    parser.add_argument("--threshold", type=float, default=0.2, help="test cost to reach on spirals")
    parser.add_argument("--train-timeout", type=float, default=120)
    parser.add_argument("--min-fps", type=float, default=20)
    parser.add_argument("--min-steps", type=float, default=500)
    parser.add_argument("--speed", type=int, default=0, help="steps/s to choose in the page before measuring (0: the page's default)")
    args = parser.parse_args()
    os.makedirs(args.screenshots, exist_ok=True)
    checks = []

    def check(name, ok, detail):
        checks.append((name, ok))
        print(f"{'ok  ' if ok else 'FAIL'} {name}: {detail}", flush=True)

    server = subprocess.Popen([args.server, "--port", "0"], stdout=subprocess.PIPE, text=True)
    driver_process = subprocess.Popen(["chromedriver", "--port=9517"], stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    driver = None
    try:
        line = server.stdout.readline()
        url = line.strip().split(" ")[-1]
        assert url.startswith("http://127.0.0.1:"), f"server printed {line!r}"
        print(f"server: {url}", flush=True)
        wait("chromedriver", lambda: _ready(9517), 20)
        driver = Driver(9517)
        driver.s("POST", "/url", {"url": url})

        # 1. With no action, a default network trains on spirals within seconds.
        started = time.time()
        first = wait("training frames", lambda: driver.js("const s = window.playgroundStats; return s && s.frames > 3 && s.step > 0 ? s : null"), 30)
        layers = driver.js("return document.getElementById('layerSizes').textContent")
        check("default network trains on load", first["step"] > 0,
              f"step {first['step']} after {time.time() - started:.1f} s, layers {layers}")

        # 2. Train on spirals until the test cost falls below the threshold.
        driver.click("#dataSets button[data-name='spirals']")
        started = time.time()
        reached = wait(f"test cost < {args.threshold}", lambda: driver.js(
            "const s = window.playgroundStats; return s.testCost !== null && s.testCost < arguments[0] ? s : null", args.threshold),
            args.train_timeout, interval=0.5)
        check("test cost falls below threshold", True,
              f"test cost {reached['testCost']:.4f} (train {reached['trainCost']:.4f}) at step {reached['step']}, epoch {reached['epoch']}, "
              f"{time.time() - started:.1f} s")

        # 4. Redraw rate and steps per second, sampled once a second for 5 s while training.
        if args.speed:
            driver.js("const s = document.getElementById('stepsPerSecond'); s.value = String(arguments[0]); s.dispatchEvent(new Event('change'));", args.speed)
            wait(f"{args.speed} steps/s chosen", lambda: driver.js("return window.playgroundState.settings.stepsPerSecond") == args.speed, 10)
        samples = []
        for _ in range(6):
            time.sleep(1)
            samples.append(driver.js("const s = window.playgroundStats; return [s.drawFps, s.rafFps, s.stepsPerSecond, s.step]"))
        samples = samples[1:]
        fps = [s[0] for s in samples]
        steps = [s[2] for s in samples]
        rate = (samples[-1][3] - samples[0][3]) / (len(samples) - 1)
        check("page redraws >= min fps", sum(fps) / len(fps) >= args.min_fps,
              f"redraws/s {', '.join(f'{v:.1f}' for v in fps)}, mean {sum(fps) / len(fps):.1f} (requestAnimationFrame {samples[-1][1]:.1f}/s)")
        check("server trains 2-8-8-2 >= min steps/s", sum(steps) / len(steps) >= args.min_steps,
              f"server-measured steps/s {', '.join(f'{v:.0f}' for v in steps)}, mean {sum(steps) / len(steps):.0f}; step counter {rate:.0f}/s")
        size = driver.screenshot(os.path.join(args.screenshots, "1-training.png"))
        print(f"screenshot 1-training.png ({size} bytes)")

        # 3. The heat map and the network diagram are drawn: many colours, most pixels painted.
        heat = driver.js(CANVAS_STATS, "heatmap")
        net = driver.js(CANVAS_STATS, "network")
        check("output heat map drawn", heat["colours"] > 30 and heat["painted"] > 0.9, f"{heat}")
        check("network diagram drawn", net["colours"] > 30 and net["painted"] > 0.05, f"{net}")

        # 5. Pause, click a training point, and compare the page's dW[1] with NumPy's.
        driver.click("#play")
        wait("paused", lambda: driver.js("return window.playgroundState.frame.playing === false"), 10)
        driver.js("document.getElementById('heatmap').scrollIntoView()")
        point = driver.js("""
            const s = window.playgroundState, c = document.getElementById('heatmap'), r = c.getBoundingClientRect();
            const p = s.data.train[0], k = r.width / 12;
            return [(p[0] + 6) * k - r.width / 2, (6 - p[1]) * k - r.height / 2];""")
        heatmap = driver.find("#heatmap")
        driver.s("POST", "/actions", {"actions": [{"type": "pointer", "id": "mouse", "parameters": {"pointerType": "mouse"}, "actions": [
            {"type": "pointerMove", "duration": 0, "origin": {"element-6066-11e4-a52e-4f735466cecf": heatmap}, "x": int(point[0]), "y": int(point[1])},
            {"type": "pointerDown", "button": 0}, {"type": "pointerUp", "button": 0}]}]})
        inspection = wait("the backprop view", lambda: driver.js("return window.playgroundState.inspection"), 10)
        session = driver.js("return window.playgroundState.session")
        model = urllib.request.urlopen(f"{url}api/sessions/{session}/model.safetensors", timeout=10).read()
        tensors, metadata = read_safetensors(model)
        x = np.array(inspection["X"], dtype=np.float64)
        y = np.array(inspection["Y"], dtype=np.float64)
        dWs = numpy_dW(tensors, metadata, x, y)
        page = np.array(inspection["layers"][0]["dW"])
        difference = np.max(np.abs(page - dWs[1])) / max(np.max(np.abs(dWs[1])), 1e-300)
        shown = driver.js("return document.querySelectorAll('#inspection .layer').length")
        check("backprop view: dW[1] equals NumPy's", difference < 1e-9 and shown >= 2 * len(inspection["layers"]),
              f"example {inspection['index']} of the {inspection['set']} set, dW[1] shape {page.shape}, "
              f"max relative difference {difference:.2e}, {shown} layer boxes shown")
        driver.js("document.getElementById('backpropPanel').scrollIntoView()")
        size = driver.screenshot(os.path.join(args.screenshots, "2-backprop-view.png"), "#backpropPanel")
        print(f"screenshot 2-backprop-view.png ({size} bytes)")

        # 6. Gradient check.
        driver.click("#gradientCheck")
        result = wait("gradient check", lambda: driver.js("return window.playgroundState.gradientCheck || null"), 60)
        check("gradient check < 1e-6", result["relativeDifference"] < 1e-6,
              f"relative difference {result['relativeDifference']:.3e} ({result['verdict']})")

        # 7. The reproduce panel.
        command = driver.js("return document.getElementById('commandLine').textContent")
        check("command line shown", command.startswith("backprop train --data playground-train.csv"), command.split("\\")[0].strip())
        driver.click("#showTest")
        driver.js("window.scrollTo(0, 0)")
        time.sleep(0.5)
        size = driver.screenshot(os.path.join(args.screenshots, "3-paused.png"))
        print(f"screenshot 3-paused.png ({size} bytes)")

        # 8. The controls change the network: a layer, a feature, a regression set, L1, discretised output.
        sizes = lambda: driver.js("return document.getElementById('layerSizes').textContent")
        driver.click("#addLayer")
        wait("a third hidden layer", lambda: sizes() == "2-8-8-8-2", 10)
        driver.click("#features input[data-name='x1*x2']")
        wait("a third feature", lambda: sizes() == "3-8-8-8-2", 10)
        driver.click("#dataSets button[data-name='multiple-gaussians']")
        wait("a regression network", lambda: sizes() == "3-8-8-8-1", 10)
        driver.js("const r = document.getElementById('regularization'); r.value = 'l1'; r.dispatchEvent(new Event('change'));"
                  "const q = document.getElementById('regularizationRate'); q.value = '0.001'; q.dispatchEvent(new Event('change'));")
        driver.click("#discretize")
        driver.click("#play")
        wait("training the regression", lambda: driver.js("const f = window.playgroundState.frame; return f.playing && f.step > 300"), 30)
        time.sleep(3)
        state = driver.js("const s = window.playgroundState; return [s.settings.regularization, window.playgroundStats.lastError, "
                          "document.getElementById('commandLine').textContent]")
        check("controls: layer, feature, regression, L1", state[0] == "l1" and state[1] is None and "# L1 is the playground's own" in state[2],
              f"layers {sizes()}, regularisation {state[0]}, errors {state[1]}")
        size = driver.screenshot(os.path.join(args.screenshots, "4-regression.png"))
        print(f"screenshot 4-regression.png ({size} bytes)")

        # 9. A message the server cannot act on: an error line on the page, and training goes on.
        driver.js("window.playgroundState.socket.send(JSON.stringify({type: 'settings', settings: {hiddenLayers: [9]}}))")
        shown = wait("the error line", lambda: driver.js(
            "const e = document.getElementById('error'); return !e.hidden && e.textContent.includes('hiddenLayers') ? e.textContent : null"), 10)
        before = driver.js("return window.playgroundStats.step")
        time.sleep(1)
        after = driver.js("return window.playgroundStats.step")
        check("malformed message: error shown, training goes on", after > before, f"{shown!r}; step {before} → {after}")
    except Exception as error:  # a failed wait or request is a failed check, not a traceback
        check("run", False, f"{type(error).__name__}: {error}")
    finally:
        if driver:
            driver.quit()
        driver_process.terminate()
        server.terminate()
        server.wait(10)
        driver_process.wait(10)
    failed = [name for name, ok in checks if not ok]
    print(f"playground e2e: {len(checks) - len(failed)} of {len(checks)} checks passed; screenshots in {args.screenshots}")
    return 1 if failed else 0


def _ready(port):
    try:
        urllib.request.urlopen(f"http://127.0.0.1:{port}/status", timeout=2).read()
        return True
    except Exception:
        return False


if __name__ == "__main__":
    sys.exit(main())
