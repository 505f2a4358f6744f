// Light enhancement only; every page works without it.
// After a form comes back with errors, move focus to the "There is a problem" summary so
// screen reader and keyboard users hear what went wrong and can jump to each field.
document.addEventListener("DOMContentLoaded", () => {
  const summary = document.querySelector(".error-summary");
  if (summary) {
    summary.focus();
  }
});
