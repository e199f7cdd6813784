// cchc-score serve: the department's form scores itself as it is typed.
// The form posts the same fields to the preview address; the answer is the
// panel's HTML (escaped by the server) and each leaf's points. Without
// this script the form still saves; the score shows after saving.
"use strict";
(function () {
  const form = document.getElementById("unit-form");
  if (!form) return;
  const token = document.querySelector('meta[name="csrf-token"]').content;
  const live = document.getElementById("live");
  const dirty = document.getElementById("dirty");
  let timer = null;
  let sent = 0;

  async function preview() {
    const mine = ++sent;
    let answer;
    try {
      const response = await fetch(form.dataset.preview, {
        method: "POST", body: new FormData(form), credentials: "same-origin",
        headers: { "X-CSRF-Token": token },
      });
      if (!response.ok) return;
      answer = await response.json();
    } catch (e) {
      return;
    }
    if (mine !== sent) return;  // a newer preview is on its way
    live.innerHTML = answer.panel;
    const brief = document.getElementById("brief");
    if (brief) brief.textContent = answer.brief;
    for (const [code, leaf] of Object.entries(answer.leaves)) {
      const out = document.querySelector(`output[data-leaf="${CSS.escape(code)}"]`);
      const why = document.querySelector(`[data-why="${CSS.escape(code)}"]`);
      if (out) { out.textContent = leaf.points; out.title = leaf.why; }
      if (why) why.textContent = leaf.why;
    }
    const issues = document.getElementById("issues");
    if (issues) {
      issues.replaceChildren(...answer.issues.map((text) => {
        const li = document.createElement("li");
        li.textContent = text;
        return li;
      }));
    }
    form.dataset.points = answer.points ?? "";
    form.dataset.rank = answer.rank ?? "";
    form.dataset.previewed = String(mine);
  }

  function changed() {
    if (dirty) dirty.hidden = false;
    clearTimeout(timer);
    timer = setTimeout(preview, 300);
  }
  form.addEventListener("input", changed);
  form.addEventListener("change", changed);
  window.addEventListener("beforeunload", (event) => {
    if (dirty && !dirty.hidden && !form.dataset.submitting) event.preventDefault();
  });
  form.addEventListener("submit", () => { form.dataset.submitting = "1"; });
})();
