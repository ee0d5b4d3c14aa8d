// After a failed submit the page (or the part htmx swapped in) starts with an error summary:
// move the focus there, so a screen reader reads it and the keyboard starts from it.
(function () {
  function focusSummary(root) {
    var summary = (root || document).querySelector("[data-error-summary]");
    if (summary) {
      summary.focus();
    }
  }
  // A field marked data-when="kind=yes|maybe" is shown only while that choice is made (the demand
  // answer: a yes asks for a date, a maybe for conditions). Without JavaScript every field shows.
  function applyWhen(form) {
    form.querySelectorAll("[data-when]").forEach(function (input) {
      var rule = input.getAttribute("data-when").split("=");
      var chosen = form.querySelector("input[name='" + rule[0] + "']:checked");
      var box = input.closest("[data-field]");
      if (box) {
        box.hidden = !(chosen && rule[1].split("|").indexOf(chosen.value) !== -1);
      }
    });
  }
  document.addEventListener("change", function (event) {
    if (event.target.form) {
      applyWhen(event.target.form);
    }
  });
  document.addEventListener("DOMContentLoaded", function () {
    document.querySelectorAll("form").forEach(function (form) {
      if (form.querySelector("[data-when]")) {
        applyWhen(form);
      }
    });
    focusSummary(document);
  });
  document.addEventListener("htmx:afterSettle", function (event) {
    focusSummary(event.target);
  });
})();
