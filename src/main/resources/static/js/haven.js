"use strict";
// Moves keyboard and screen-reader focus to the error summary when a form comes back with problems,
// so people hear what went wrong first (the GOV.UK error summary pattern). Pages work without it.
document.addEventListener("DOMContentLoaded", () => {
  const summary = document.querySelector(".error-summary");
  if (summary) {
    summary.focus();
  }
});
