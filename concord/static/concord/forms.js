// After a failed submit the page (or the part htmx swapped in) starts with an error summary:
// move the focus there, so a screen reader reads it and the keyboard starts from it.
(function () {
  function focusSummary(root) {
    var summary = (root || document).querySelector("[data-error-summary]");
    if (summary) {
      summary.focus();
    }
  }
  document.addEventListener("DOMContentLoaded", function () {
    focusSummary(document);
  });
  document.addEventListener("htmx:afterSettle", function (event) {
    focusSummary(event.target);
  });
})();
