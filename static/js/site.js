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
  // Kept per person and page: on a shared computer, no one else is given it back.
  const who = document.querySelector('meta[name="cip-user"]')?.content || "";
  const draftKey = `cip-draft:${who}:${location.pathname}`;
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
    const slack = Number(dialog.dataset.idleSlack || 0) * 1000;
    // The time is up: keep what was typed, and ask the page again with ?idle=1, which
    // checks the session without counting as activity (signed out: to the sign-in page).
    const endOfTime = () => {
      saveDraft();
      const url = new URL(location.href);
      url.searchParams.set("idle", "1");
      location.replace(url);
    };
    let warn;
    let end;
    const schedule = () => {
      clearTimeout(warn);
      clearTimeout(end);
      // A minute before the end (half-way, for a limit shorter than two minutes).
      warn = setTimeout(() => dialog.showModal(), limit - Math.min(60000, limit / 2));
      end = setTimeout(endOfTime, limit + slack + 2000);
    };
    dialog.querySelector("form").addEventListener("submit", async (event) => {
      event.preventDefault();
      const response = await fetch(event.target.action, {
        method: "POST",
        body: new FormData(event.target),
        credentials: "same-origin",
        redirect: "manual", // a session that has ended answers with a redirect to sign in
      });
      if (response.status === 204) {
        dialog.close();
        schedule();
      } else {
        endOfTime();
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

// Controls that only work with this script (data-needs-script) stay hidden without it.
document.querySelectorAll("[data-needs-script]").forEach((element) => {
  element.hidden = false;
});

// A long piece of work (a spreadsheet being checked or brought in): ask how far it has
// got every second, move the bar, and show the page again once it is finished. Without
// script the page offers a link to look again.
(() => {
  const bar = document.querySelector("[data-progress-url]");
  if (!bar) return;
  const meter = bar.querySelector("progress");
  const words = bar.querySelector("[data-progress-words]");
  async function look() {
    try {
      const response = await fetch(bar.dataset.progressUrl, { headers: { Accept: "application/json" } });
      if (response.ok) {
        const state = await response.json();
        if (!state.busy) {
          location.reload();
          return;
        }
        meter.value = state.percent;
        words.textContent = `${state.label}: ${state.done.toLocaleString("en-GB")} of ${state.total.toLocaleString("en-GB")} rows`;
      }
      // A passing error (the server busy, a restart): the next look will tell.
    } catch (error) {
      // The network came and went: the next look will tell.
    }
    setTimeout(look, 1000);
  }
  setTimeout(look, 1000);
})();
