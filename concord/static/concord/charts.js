// Render every <figure data-chart="ID"> from the Vega-Lite spec in <script id="ID" type="application/json">.
// The server renders the same spec to SVG/PNG for downloads; the table under each chart carries the same
// numbers for screen readers and when scripts are off.
(function () {
  function draw(figure) {
    var source = document.getElementById(figure.dataset.chart);
    var target = figure.querySelector(".chart");
    if (!source || !target || typeof vegaEmbed === "undefined") return;
    // The expression interpreter instead of compiled functions, and no injected <style> (neither
    // vega-embed's nor its tooltip's: concord.css has the tooltip's): the Content-Security-Policy
    // allows neither eval nor inline styles.
    var options = {
      actions: false, renderer: "svg", ast: true, expr: vega.expressionInterpreter,
      defaultStyle: false, tooltip: { disableDefaultStyle: true },
    };
    vegaEmbed(target, JSON.parse(source.textContent), options)
      .then(function () { figure.dataset.rendered = "true"; })
      .catch(function (error) { target.textContent = "The chart could not be drawn: " + error.message; });
  }
  function drawAll(root) {
    (root || document).querySelectorAll("figure[data-chart]").forEach(draw);
  }
  document.addEventListener("DOMContentLoaded", function () { drawAll(document); });
  document.addEventListener("htmx:afterSettle", function (event) { drawAll(event.target); });
})();
