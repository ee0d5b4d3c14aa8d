// Render every <figure data-chart="ID"> from the Vega-Lite spec in <script id="ID" type="application/json">.
// The server renders the same spec to SVG/PNG for downloads; the table under each chart carries the same
// numbers for screen readers and when scripts are off.
(function () {
  function draw(figure) {
    var source = document.getElementById(figure.dataset.chart);
    var target = figure.querySelector(".chart");
    if (!source || !target || typeof vegaEmbed === "undefined") return;
    vegaEmbed(target, JSON.parse(source.textContent), { actions: false, renderer: "svg" })
      .then(function () { figure.dataset.rendered = "true"; })
      .catch(function (error) { target.textContent = "The chart could not be drawn: " + error.message; });
  }
  function drawAll(root) {
    (root || document).querySelectorAll("figure[data-chart]").forEach(draw);
  }
  document.addEventListener("DOMContentLoaded", function () { drawAll(document); });
  document.addEventListener("htmx:afterSettle", function (event) { drawAll(event.target); });
})();
