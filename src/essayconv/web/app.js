// essayconv's page: the form goes to the local server; nothing leaves this computer.
"use strict";
const form = document.getElementById("essay-form");
const message = document.getElementById("message");
const found = document.getElementById("found");
const pdf = document.getElementById("pdf");
const fileInput = document.getElementById("file");
const drop = document.getElementById("drop");

function say(text, isError) {
  message.textContent = text;
  message.className = isError ? "error" : "";
}

function formData(to) {
  const data = new FormData(form);
  if (!fileInput.files.length) data.delete("file");
  if (to) data.set("to", to);
  return data;
}

async function post(path, data) {
  const response = await fetch(path, { method: "POST", body: data });
  if (!response.ok) {
    let error = response.statusText;
    try { error = (await response.json()).error || error; } catch (e) { /* not JSON */ }
    throw new Error(error);
  }
  return response;
}

function fileName(response, fallback) {
  const header = response.headers.get("Content-Disposition") || "";
  const m = header.match(/filename="([^"]+)"/);
  return m ? m[1] : fallback;
}

function el(tag, text, cls) {
  const e = document.createElement(tag);
  if (text !== undefined) e.textContent = text;
  if (cls) e.className = cls;
  return e;
}

function showFound(d) {
  found.replaceChildren();
  found.append(el("h2", "What essayconv found"));
  found.append(el("p", "Title: " + (d.title || "(none found)")));
  const h = el("h3", "Headings (" + d.headings.length + ")");
  const hl = el("ul");
  d.headings.forEach(x => hl.append(el("li", x.text)));
  found.append(h, hl);
  found.append(el("h3", "References (" + d.references.length + ")"));
  const rl = el("ol");
  d.references.forEach(r => {
    const unsure = r.uncertain.length ? " — unsure: " + r.uncertain.join(", ") : "";
    const li = el("li", r.raw + "  [" + (r.csl.type || "?") + ", confidence " + r.confidence + unsure + "]",
      r.uncertain.length || r.confidence < 0.5 ? "unsure" : "");
    rl.append(li);
  });
  found.append(rl);
  const unlinked = d.citations.filter(c => c.mode !== "note-mark" && !c.keys.length).length;
  found.append(el("h3", "Citations (" + d.citations.length + ", " + unlinked + " not linked)"));
  const cl = el("ul");
  d.citations.forEach(c => cl.append(el("li", c.text + (c.keys.length ? " → " + c.keys.join(", ") : c.mode === "note-mark" ? " (note)" : " → not linked"),
    c.keys.length || c.mode === "note-mark" ? "" : "unlinked")));
  found.append(cl);
  found.append(el("h3", "Lines removed (" + d.removed_detail.length + ")"));
  const ml = el("ul");
  d.removed_detail.forEach(r => ml.append(el("li", r.text + " — " + r.reason)));
  found.append(ml);
  found.append(el("h3", "What to fix (" + d.findings.length + ")"));
  const fl = el("ul");
  d.findings.forEach(f => fl.append(el("li", (f.line ? "line " + f.line + ": " : "") + f.message, "finding-" + f.level)));
  found.append(fl);
  found.hidden = false;
}

document.getElementById("check").addEventListener("click", async () => {
  say("Reading the essay…");
  try {
    const response = await post("/inspect", formData());
    showFound(await response.json());
    say("Read.");
  } catch (e) { say(e.message, true); }
});

document.getElementById("preview").addEventListener("click", async () => {
  say("Making the PDF…");
  try {
    const response = await post("/convert", formData("pdf"));
    const blob = await response.blob();
    pdf.src = URL.createObjectURL(blob);
    pdf.hidden = false;
    say("Preview ready.");
  } catch (e) { say(e.message, true); }
});

form.addEventListener("submit", async (event) => {
  event.preventDefault();
  const to = document.getElementById("to").value;
  say("Converting…");
  try {
    const response = await post("/convert", formData());
    const blob = await response.blob();
    const a = el("a");
    a.href = URL.createObjectURL(blob);
    a.download = fileName(response, "essay." + to);
    document.body.append(a);
    a.click();
    a.remove();
    const warnings = response.headers.get("X-Essayconv-Warnings") || "0";
    say("Done: " + a.download + (warnings !== "0" ? " (" + warnings + " warnings: press Check to see them)" : ""));
  } catch (e) { say(e.message, true); }
});

let searching = null;
document.getElementById("style").addEventListener("input", (event) => {
  clearTimeout(searching);
  searching = setTimeout(async () => {
    const response = await fetch("/styles?q=" + encodeURIComponent(event.target.value));
    const list = document.getElementById("style-list");
    list.replaceChildren();
    (await response.json()).forEach(s => { const o = el("option"); o.value = s.id; o.textContent = s.title; list.append(o); });
  }, 200);
});

["dragover", "dragenter"].forEach(t => drop.addEventListener(t, e => { e.preventDefault(); drop.classList.add("over"); }));
["dragleave", "drop"].forEach(t => drop.addEventListener(t, () => drop.classList.remove("over")));
drop.addEventListener("drop", (e) => {
  e.preventDefault();
  if (e.dataTransfer.files.length) { fileInput.files = e.dataTransfer.files; say("File: " + fileInput.files[0].name); }
});
