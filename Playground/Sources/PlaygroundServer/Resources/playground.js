// Backprop playground: the page. It draws what the server computes (one WebSocket per tab)
// and sends the settings; no library, no network beyond this server.
"use strict";

const $ = (id) => document.getElementById(id);
const state = {
  socket: null, session: null, settings: null, limits: null, choices: null,
  data: null, frame: null, pendingDraw: false, costs: [], inspection: null,
  showTest: false, discretize: false,
};
// What the page measures, for people and for the end-to-end test.
const stats = window.playgroundStats = {
  connected: false, frames: 0, framesDrawn: 0, drawFps: 0, rafFps: 0, stepsPerSecond: 0,
  step: 0, epoch: 0, trainCost: null, testCost: null, lastError: null, messages: 0,
};
window.playgroundState = state;

// ---------- colours: orange (−1) → white (0) → blue (+1), as TensorFlow Playground ----------
const NEG = [245, 147, 34], MID = [232, 234, 235], POS = [8, 119, 189];
const LUT = new Uint8ClampedArray(256 * 3);
for (let i = 0; i < 256; i++) {
  const t = i / 255 * 2 - 1, [a, b, u] = t < 0 ? [MID, NEG, -t] : [MID, POS, t];
  for (let k = 0; k < 3; k++) LUT[i * 3 + k] = Math.round(a[k] + (b[k] - a[k]) * u);
}
const colourOf = (v) => { // v in [−1, 1]
  const i = Math.max(0, Math.min(255, Math.round((v + 1) * 127.5)));
  return `rgb(${LUT[i * 3]},${LUT[i * 3 + 1]},${LUT[i * 3 + 2]})`;
};

// ---------- the socket ----------
function connect() {
  const socket = new WebSocket(`ws://${location.host}/ws`);
  state.socket = socket;
  socket.onopen = () => { stats.connected = true; };
  socket.onclose = () => { stats.connected = false; showError(stats.lastError || "connection closed; reload the page"); };
  socket.onmessage = (event) => {
    stats.messages++;
    const message = JSON.parse(event.data);
    const handler = handlers[message.type];
    if (handler) handler(message);
  };
  setInterval(() => send({ type: "ping" }), 20000);
}
function send(message) {
  if (state.socket && state.socket.readyState === WebSocket.OPEN) state.socket.send(JSON.stringify(message));
}
function setSettings(patch) { send({ type: "settings", settings: patch }); }
function showError(text) { const e = $("error"); e.textContent = text; e.hidden = !text; }

const handlers = {
  hello(m) {
    state.session = m.session; state.limits = m.limits; state.choices = m; state.settings = m.settings;
    buildControls();
  },
  data(m) {
    state.data = m; state.settings = m.settings; state.costs = []; state.inspection = null;
    $("inspection").innerHTML = ""; $("gradientResult").textContent = "";
    syncControls(); showCode(m.commandLine, m.swiftCode);
    $("layerSizes").textContent = m.layerSizes.join("-");
  },
  settings(m) { state.settings = m.settings; syncControls(); },
  frame(m) {
    m.trainCost = Number(m.trainCost); m.testCost = Number(m.testCost); // "NaN" when training diverged
    state.frame = m; stats.frames++;
    Object.assign(stats, { step: m.step, epoch: m.epoch, trainCost: m.trainCost, testCost: m.testCost, stepsPerSecond: m.stepsPerSecond });
    const last = state.costs[state.costs.length - 1];
    if (!last || last.step !== m.step) state.costs.push({ step: m.step, train: m.trainCost, test: m.testCost });
    if (state.costs.length > 600) state.costs.splice(0, state.costs.length - 600);
    $("commandLine").textContent = m.commandLine;
    state.pendingDraw = true;
  },
  inspection(m) { state.inspection = m.inspection; showInspection(m.inspection); },
  gradientCheck(m) {
    state.gradientCheck = m;
    $("gradientResult").textContent = `relative difference ${m.relativeDifference.toExponential(3)} on the ${m.examples} examples with the highest loss ` +
      `(worst: ${m.worstParameter}, ${m.perParameter[m.worstParameter].toExponential(2)}): ${m.verdict}`;
  },
  error(m) {
    stats.lastError = m.message; showError(m.message);
    if (state.settings && state.choices) syncControls(); // show the settings that still hold
    setTimeout(() => { if ($("error").textContent === m.message) showError(""); }, 6000);
  },
};

// ---------- controls ----------
function fillSelect(id, values, format) {
  const select = $(id); select.innerHTML = "";
  for (const v of values) { const o = document.createElement("option"); o.value = v; o.textContent = format ? format(v) : v; select.appendChild(o); }
}
function buildControls() {
  const c = state.choices;
  fillSelect("learningRate", [0.00001, 0.0001, 0.001, 0.003, 0.01, 0.03, 0.1, 0.3, 1, 3, 10]);
  fillSelect("activation", c.activations);
  fillSelect("regularization", c.regularizations, (v) => v === "none" ? "none" : v.toUpperCase());
  fillSelect("regularizationRate", [0, 0.001, 0.003, 0.01, 0.03, 0.1, 0.3, 1, 3, 10]);
  fillSelect("optimizer", c.optimizers, (v) => v === "gd" ? "gradient descent" : v);
  fillSelect("stepsPerSecond", [10, 50, 100, 250, 500, 1000, 2000, 5000].filter((v) => v <= state.limits.maxStepsPerSecond));
  fillSelect("points", [100, 200, 400, 600, 1000].filter((v) => v <= state.limits.maxPoints));
  const sets = $("dataSets"); sets.innerHTML = "";
  for (const name of c.dataSets) {
    const b = document.createElement("button"); b.textContent = name; b.dataset.name = name;
    b.onclick = () => setSettings({ dataSet: name }); sets.appendChild(b);
  }
  const features = $("features"); features.innerHTML = "";
  for (const name of c.features) {
    const label = document.createElement("label"), box = document.createElement("input");
    box.type = "checkbox"; box.dataset.name = name;
    box.onchange = () => {
      const chosen = [...features.querySelectorAll("input")].filter((b) => b.checked).map((b) => b.dataset.name);
      setSettings({ features: chosen });
    };
    label.appendChild(box); label.append(" " + name); features.appendChild(label);
  }
  for (const id of ["learningRate", "regularizationRate"]) $(id).onchange = () => setSettings({ [id]: Number($(id).value) });
  for (const id of ["activation", "regularization", "optimizer"]) $(id).onchange = () => setSettings({ [id]: $(id).value });
  $("stepsPerSecond").onchange = () => setSettings({ stepsPerSecond: Number($("stepsPerSecond").value) });
  $("points").onchange = () => setSettings({ points: Number($("points").value) });
  $("batchSize").oninput = () => { $("batchSizeValue").textContent = $("batchSize").value; };
  $("batchSize").onchange = () => setSettings({ batchSize: Number($("batchSize").value) });
  $("trainFraction").onchange = () => setSettings({ trainFraction: Number($("trainFraction").value) / 100 });
  $("noise").onchange = () => setSettings({ noise: Number($("noise").value) / 100 });
  $("regenerate").onclick = () => setSettings({ seed: (state.settings.seed + 1) % 4294967296 });
  $("reset").onclick = () => send({ type: "reset" });
  $("play").onclick = () => send({ type: state.frame && state.frame.playing ? "pause" : "play" });
  $("step").onclick = () => send({ type: "step" });
  $("addLayer").onclick = () => changeLayers((h) => h.length < state.limits.maxHiddenLayers && h.push(h.length ? h[h.length - 1] : 4));
  $("removeLayer").onclick = () => changeLayers((h) => h.pop());
  $("showTest").onchange = () => { state.showTest = $("showTest").checked; state.pendingDraw = true; };
  $("discretize").onchange = () => { state.discretize = $("discretize").checked; state.pendingDraw = true; };
  $("gradientCheck").onclick = () => { $("gradientResult").textContent = "checking…"; send({ type: "gradientCheck" }); };
  $("heatmap").onclick = inspectAt;
  for (const [id, file] of [["downloadTrain", "train.csv"], ["downloadTest", "test.csv"], ["downloadModel", "model.safetensors"]]) {
    $(id).onclick = (e) => { e.preventDefault(); location.href = `/api/sessions/${state.session}/${file}`; };
  }
}
function changeLayers(edit) { const h = state.settings.hiddenLayers.slice(); edit(h); setSettings({ hiddenLayers: h }); }
function syncControls() {
  const s = state.settings;
  for (const id of ["learningRate", "activation", "regularization", "regularizationRate", "optimizer", "stepsPerSecond", "points"]) $(id).value = String(s[id]);
  $("batchSize").max = Math.max(1, Math.min(100, Math.round(s.points * s.trainFraction)));
  $("batchSize").value = s.batchSize; $("batchSizeValue").textContent = s.batchSize;
  $("trainFraction").value = Math.round(s.trainFraction * 100); $("trainFractionValue").textContent = `${Math.round(s.trainFraction * 100)} %`;
  $("noise").value = Math.round(s.noise * 100); $("noiseValue").textContent = Math.round(s.noise * 100);
  for (const b of $("dataSets").children) b.classList.toggle("selected", b.dataset.name === s.dataSet);
  for (const box of $("features").querySelectorAll("input")) box.checked = s.features.includes(box.dataset.name);
  const row = $("neuronButtons"); row.innerHTML = "";
  s.hiddenLayers.forEach((units, l) => {
    const span = document.createElement("span");
    const minus = document.createElement("button"), plus = document.createElement("button");
    minus.textContent = "−"; plus.textContent = "+";
    minus.onclick = () => changeLayers((h) => { if (h[l] > 1) h[l]--; });
    plus.onclick = () => changeLayers((h) => { if (h[l] < state.limits.maxNeurons) h[l]++; });
    span.append(`layer ${l + 1}: `, minus, ` ${units} `, plus); row.appendChild(span);
  });
}
function showCode(command, swift) { $("commandLine").textContent = command; $("swiftCode").textContent = swift; }

// ---------- drawing ----------
function decode(base64) { const s = atob(base64), bytes = new Uint8Array(s.length); for (let i = 0; i < s.length; i++) bytes[i] = s.charCodeAt(i); return bytes; }
const tiles = new Map();
function heatTile(bytes, size, discretize) {
  const key = size; let tile = tiles.get(key);
  if (!tile) { tile = document.createElement("canvas"); tile.width = tile.height = size; tiles.set(key, tile); }
  const ctx = tile.getContext("2d"), image = ctx.createImageData(size, size);
  for (let i = 0; i < bytes.length; i++) {
    let v = bytes[i]; if (discretize) v = v >= 128 ? 255 : 0;
    image.data[i * 4] = LUT[v * 3]; image.data[i * 4 + 1] = LUT[v * 3 + 1]; image.data[i * 4 + 2] = LUT[v * 3 + 2]; image.data[i * 4 + 3] = 255;
  }
  ctx.putImageData(image, 0, 0);
  return tile;
}
function drawHeatmap() {
  const f = state.frame, canvas = $("heatmap"), ctx = canvas.getContext("2d");
  ctx.imageSmoothingEnabled = !state.discretize;
  ctx.fillStyle = "white"; ctx.fillRect(0, 0, canvas.width, canvas.height);
  ctx.globalAlpha = 0.7; // lighter than the points, as TensorFlow Playground draws it
  ctx.drawImage(heatTile(decode(f.output), f.outputSize, state.discretize), 0, 0, canvas.width, canvas.height);
  ctx.globalAlpha = 1;
  if (!state.data) return;
  const scale = canvas.width / 12, classification = state.data.classification;
  const dot = (p, ring) => {
    ctx.beginPath(); ctx.arc((p[0] + 6) * scale, (6 - p[1]) * scale, 3.5, 0, 2 * Math.PI);
    ctx.fillStyle = classification ? (p[2] > 0.5 ? colourOf(1) : colourOf(-1)) : colourOf(p[2]);
    ctx.fill(); ctx.lineWidth = 1; ctx.strokeStyle = ring; ctx.stroke();
  };
  for (const p of state.data.train) dot(p, "white");
  if (state.showTest) for (const p of state.data.test) dot(p, "black");
  if (state.inspection) {
    const [x, y] = state.inspection.point;
    ctx.beginPath(); ctx.arc((x + 6) * scale, (6 - y) * scale, 8, 0, 2 * Math.PI); ctx.lineWidth = 2; ctx.strokeStyle = "#111"; ctx.stroke();
  }
}
function drawNetwork() {
  const f = state.frame, canvas = $("network"), ctx = canvas.getContext("2d");
  ctx.clearRect(0, 0, canvas.width, canvas.height);
  const sizes = [f.neurons[0].length, ...f.weights.map((w) => w.length)];
  const columns = sizes.length, box = 36, gapX = (canvas.width - box - 20) / (columns - 1);
  const position = (l, n) => {
    const count = l === columns - 1 ? 1 : sizes[l], gapY = Math.min(48, (canvas.height - 20) / Math.max(count, 1));
    return [10 + l * gapX, canvas.height / 2 + (n - (count - 1) / 2) * gapY - box / 2];
  };
  // edges first: weight W(l)[n][k] from neuron k of column l−1 to neuron n of column l
  f.weights.forEach((W, i) => {
    const l = i + 1, outputs = l === columns - 1 ? 1 : W.length;
    for (let n = 0; n < outputs; n++) for (let k = 0; k < W[0].length; k++) {
      const w = l === columns - 1 && W.length === 2 ? W[1][k] - W[0][k] : W[n][k];
      const [x0, y0] = position(l - 1, k), [x1, y1] = position(l, n);
      ctx.beginPath(); ctx.moveTo(x0 + box, y0 + box / 2);
      ctx.bezierCurveTo(x0 + box + gapX / 3, y0 + box / 2, x1 - gapX / 3, y1 + box / 2, x1, y1 + box / 2);
      ctx.strokeStyle = colourOf(Math.max(-1, Math.min(1, w))); ctx.lineWidth = Math.min(6, 0.4 + Math.abs(w) * 1.5); ctx.stroke();
    }
  });
  ctx.imageSmoothingEnabled = true;
  f.neurons.forEach((layer, l) => layer.forEach((map, n) => {
    const [x, y] = position(l, n);
    ctx.drawImage(heatTile(decode(map), f.neuronSize, false), x, y, box, box);
    ctx.strokeStyle = "#555"; ctx.lineWidth = 1; ctx.strokeRect(x, y, box, box);
  }));
  const [x, y] = position(columns - 1, 0);
  ctx.drawImage(heatTile(decode(f.output), f.outputSize, state.discretize), x, y, box, box);
  ctx.strokeStyle = "#111"; ctx.strokeRect(x, y, box, box);
  ctx.fillStyle = "#333"; ctx.font = "11px sans-serif";
  state.settings.features.forEach((name, k) => { const [fx, fy] = position(0, k); ctx.fillText(name, fx, fy - 2); });
  ctx.fillText("output", x - 4, y - 2);
}
function drawCosts() {
  const canvas = $("costChart"), ctx = canvas.getContext("2d"), costs = state.costs;
  ctx.clearRect(0, 0, canvas.width, canvas.height);
  if (costs.length < 2) return;
  const max = Math.max(...costs.map((c) => Math.max(c.train, c.test)).filter(Number.isFinite), 1e-9);
  for (const [key, colour] of [["train", "#999"], ["test", "#111"]]) {
    ctx.beginPath();
    costs.forEach((c, i) => {
      const x = i / (costs.length - 1) * (canvas.width - 4) + 2, y = canvas.height - 2 - (c[key] / max) * (canvas.height - 6);
      i ? ctx.lineTo(x, y) : ctx.moveTo(x, y);
    });
    ctx.strokeStyle = colour; ctx.lineWidth = 1.5; ctx.stroke();
  }
}
function draw() {
  const f = state.frame;
  drawHeatmap(); drawNetwork(); drawCosts();
  $("epoch").textContent = f.epoch; $("stepCount").textContent = f.step;
  $("trainCost").textContent = f.trainCost.toFixed(3); $("testCost").textContent = f.testCost.toFixed(3);
  $("play").textContent = f.playing ? "❚❚ Pause" : "▶ Play";
  stats.framesDrawn++;
}

// The redraw loop: every animation frame draws the latest frame from the server, if new.
let rafCount = 0, drawnAtLastSecond = 0, lastSecond = performance.now();
function animate(now) {
  rafCount++;
  if (state.pendingDraw && state.frame) { state.pendingDraw = false; draw(); }
  if (now - lastSecond >= 1000) {
    const seconds = (now - lastSecond) / 1000;
    stats.drawFps = (stats.framesDrawn - drawnAtLastSecond) / seconds; stats.rafFps = rafCount / seconds;
    drawnAtLastSecond = stats.framesDrawn; rafCount = 0; lastSecond = now;
    $("stats").textContent = `redraw ${stats.drawFps.toFixed(0)} fps · ${Math.round(stats.stepsPerSecond)} steps/s`;
  }
  requestAnimationFrame(animate);
}

// ---------- the backprop view ----------
function inspectAt(event) {
  if (!state.data) return;
  const canvas = $("heatmap"), rect = canvas.getBoundingClientRect(), scale = canvas.width / 12;
  const px = (event.clientX - rect.left) * canvas.width / rect.width, py = (event.clientY - rect.top) * canvas.height / rect.height;
  let best = null;
  for (const set of state.showTest ? ["train", "test"] : ["train"]) state.data[set].forEach((p, index) => {
    const d = Math.hypot((p[0] + 6) * scale - px, (6 - p[1]) * scale - py);
    if (!best || d < best.d) best = { d, set, index };
  });
  if (!best || best.d > 12) return;
  if (state.frame && state.frame.playing) send({ type: "pause" });
  send({ type: "inspect", set: best.set, index: best.index });
}
const fmt = (v) => (Math.abs(v) >= 1e4 || (Math.abs(v) < 1e-3 && v !== 0)) ? v.toExponential(3) : v.toFixed(4);
function matrixText(M) { return M.map((row) => row.map((v) => fmt(v).padStart(10)).join(" ")).join("\n"); }
function showInspection(s) {
  const rows = (layer, keys) => keys.map((k) => `<tr><td><b>${k}</b></td><td class="eq">${layer.equations[k]}</td><td class="matrix">${matrixText(layer[k])}</td></tr>`).join("");
  let html = `<p>Example ${s.index} of the ${s.set} set: point (${fmt(s.point[0])}, ${fmt(s.point[1])}), label ${s.label}, cost ${fmt(s.cost)}` +
    (s.lambda ? `, L2 λ = ${s.lambda} included in dW` : "") + `.</p>`;
  html += `<div class="layer"><h3>Input A[0] = X</h3><div class="matrix">${matrixText(s.X)}</div><h3>Target Y</h3><div class="matrix">${matrixText(s.Y)}</div></div>`;
  html += `<h3>Forward</h3>` + s.layers.map((layer) => `<div class="layer" data-layer="${layer.index}"><h3>Layer ${layer.index} (${layer.activation})</h3><table>${rows(layer, ["Z", "A"])}</table></div>`).join("");
  html += `<h3>Backward</h3>` + s.layers.slice().reverse().map((layer) => `<div class="layer" data-layer="${layer.index}"><h3>Layer ${layer.index}</h3><table>${rows(layer, ["dA", "dZ", "dW", "db"])}</table></div>`).join("");
  $("inspection").innerHTML = html;
  state.pendingDraw = true;
}

connect();
requestAnimationFrame(animate);
