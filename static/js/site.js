// Light enhancement only; every page works without it.
// After a form comes back with errors, move focus to the "There is a problem" summary so
// screen reader and keyboard users hear what went wrong and can jump to each field.
document.addEventListener("DOMContentLoaded", () => {
  const summary = document.querySelector(".error-summary");
  if (summary) {
    summary.focus();
  }
});

// Staff sessions end after a while without a request (IdleTimeoutMiddleware): warn a
// minute before, with a button to stay signed in; if the time runs out, keep what was typed
// in this tab, and put it back when the person returns to the page after signing in.
(() => {
  const draftKey = `cip-draft:${location.pathname}`;
  const typedFields = (form) =>
    [...form.elements].filter(
      (field) =>
        field.name &&
        field.name !== "csrfmiddlewaretoken" &&
        !["password", "hidden", "file", "submit", "button"].includes(field.type),
    );
  const postForms = () => [...document.querySelectorAll("main form")].filter((form) => form.method === "post");

  function saveDraft() {
    const draft = postForms().map((form) =>
      typedFields(form).map((field) => [field.name, field.type, field.type === "checkbox" || field.type === "radio" ? field.checked : field.value]),
    );
    if (draft.some((fields) => fields.some(([, , value]) => value !== "" && value !== false))) {
      sessionStorage.setItem(draftKey, JSON.stringify(draft));
    }
  }

  function restoreDraft() {
    const saved = sessionStorage.getItem(draftKey);
    if (!saved) return;
    sessionStorage.removeItem(draftKey);
    const forms = postForms();
    JSON.parse(saved).forEach((fields, index) => {
      const form = forms[index];
      if (!form) return;
      const remaining = typedFields(form);
      fields.forEach(([name, type, value]) => {
        const at = remaining.findIndex((field) => field.name === name && field.type === type);
        if (at < 0) return;
        const [field] = remaining.splice(at, 1);
        if (type === "checkbox" || type === "radio") field.checked = value;
        else field.value = value;
      });
    });
    const note = document.createElement("div");
    note.className = "alert alert-info";
    note.setAttribute("role", "status");
    note.textContent = "We put back what you were typing before you were signed out. Check it, then save.";
    document.querySelector("main")?.prepend(note);
  }

  document.addEventListener("DOMContentLoaded", () => {
    restoreDraft();
    const dialog = document.getElementById("idle-warning");
    if (!dialog) return;
    const limit = Number(dialog.dataset.idleSeconds) * 1000;
    let warn;
    let end;
    const schedule = () => {
      clearTimeout(warn);
      clearTimeout(end);
      // A minute before the end (half-way, for a limit shorter than two minutes).
      warn = setTimeout(() => dialog.showModal(), limit - Math.min(60000, limit / 2));
      end = setTimeout(() => {
        saveDraft();
        location.reload();
      }, limit + 2000);
    };
    dialog.querySelector("form").addEventListener("submit", async (event) => {
      event.preventDefault();
      const response = await fetch(event.target.action, {
        method: "POST",
        body: new FormData(event.target),
        credentials: "same-origin",
      });
      if (response.ok) {
        dialog.close();
        schedule();
      } else {
        saveDraft();
        location.reload();
      }
    });
    schedule();
  });
})();

// "Tick every entry on this page": a box with data-tick-all="<name>" ticks or unticks every
// checkbox of that name (the page works without it, one box at a time).
document.addEventListener("change", (event) => {
  const name = event.target.dataset?.tickAll;
  if (!name) return;
  document.querySelectorAll(`input[type=checkbox][name="${name}"]`).forEach((box) => {
    box.checked = event.target.checked;
  });
});
