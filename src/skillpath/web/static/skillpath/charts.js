/* Skillpath dashboard charts, drawn with the vendored Chart.js from the JSON the page
   carries in <script type="application/json" id="sp-dashboard-data"> (json_script):
   the Content-Security-Policy allows no inline script, and data is not a script. */
(function () {
  "use strict";

  var source = document.getElementById("sp-dashboard-data");
  if (!source || typeof window.Chart === "undefined") return;
  var data = JSON.parse(source.textContent);
  var Chart = window.Chart;
  var reduceMotion = window.matchMedia("(prefers-reduced-motion: reduce)").matches;

  var COLORS = {
    planned: "#9ca3af",
    done: "#4f46e5",
    theory: "#2563eb",
    practice: "#047857",
    research: "#b45309",
    reviews: "#7c3aed",
  };

  Chart.defaults.font.family = getComputedStyle(document.body).fontFamily;
  Chart.defaults.color = "#5b6472";
  Chart.defaults.animation = reduceMotion ? false : Chart.defaults.animation;

  function axes(yTitle, stacked) {
    return {
      x: { stacked: stacked, grid: { display: false }, ticks: { maxRotation: 0, autoSkipPadding: 16 } },
      y: {
        stacked: stacked,
        beginAtZero: true,
        title: { display: true, text: yTitle },
        ticks: { precision: 0 },
      },
    };
  }

  var burnup = document.getElementById("burnup-chart");
  if (burnup) {
    new Chart(burnup, {
      type: "line",
      data: {
        labels: data.burnup.labels,
        datasets: data.burnup.series.map(function (series) {
          var planned = series.key === "planned";
          return {
            label: series.label,
            data: series.data,
            borderColor: COLORS[series.key],
            backgroundColor: planned ? "rgba(156, 163, 175, 0.12)" : "rgba(79, 70, 229, 0.15)",
            borderDash: planned ? [6, 4] : [],
            borderWidth: planned ? 2 : 3,
            fill: !planned,
            pointRadius: 0,
            pointHitRadius: 8,
            tension: 0.15,
            spanGaps: false,
          };
        }),
      },
      options: {
        maintainAspectRatio: false,
        interaction: { mode: "index", intersect: false },
        scales: axes(data.burnup.y_title, false),
        plugins: { legend: { position: "bottom" } },
      },
    });
  }

  // A bar chart of one block of the data: stacked hours by kind, or reviews due per day.
  function barChart(canvas, block, options) {
    if (!canvas || !block) return;
    new Chart(canvas, {
      type: "bar",
      data: {
        labels: block.labels,
        datasets: block.series.map(function (series) {
          return {
            label: series.label,
            data: series.data,
            backgroundColor: COLORS[series.key],
            borderRadius: 3,
            maxBarThickness: options.barWidth,
          };
        }),
      },
      options: {
        maintainAspectRatio: false,
        interaction: { mode: "index", intersect: false },
        scales: axes(block.y_title, options.stacked),
        plugins: { legend: options.legend ? { position: "bottom" } : { display: false } },
      },
    });
  }

  barChart(document.getElementById("hours-chart"), data.hours, {
    stacked: true,
    legend: true,
    barWidth: 28,
  });
  // Reviews due per day for the next 30 days (the review page and the dashboard).
  barChart(document.getElementById("workload-chart"), data.workload, {
    stacked: false,
    legend: false,
    barWidth: 18,
  });
  // Each KPI as a share of its target, month by month (the KPIs page and the dashboard).
  var PALETTE = ["#4f46e5", "#047857", "#b45309", "#be123c", "#0369a1", "#7c3aed", "#4d7c0f", "#9d174d"];
  // A line per series over time: the KPIs, the level check's history.
  function lineChart(canvas, block) {
    if (!canvas || !block) return;
    new Chart(canvas, {
      type: "line",
      data: {
        labels: block.labels,
        datasets: block.series.map(function (series, index) {
          return {
            label: series.label,
            data: series.data,
            borderColor: PALETTE[index % PALETTE.length],
            backgroundColor: PALETTE[index % PALETTE.length],
            borderWidth: 2,
            pointRadius: 2,
            tension: 0.15,
          };
        }),
      },
      options: {
        maintainAspectRatio: false,
        interaction: { mode: "index", intersect: false },
        scales: axes(block.y_title, false),
        plugins: { legend: { position: "bottom" } },
      },
    });
  }
  lineChart(document.getElementById("kpi-chart"), data.kpis);
  lineChart(document.getElementById("level-history-chart"), data.level_history);

  // The skills matrix: the learner now against three months ago, and the mentor's rating.
  function radarChart(canvas, block, names) {
    if (!canvas || !block) return;
    var datasets = [{
      label: names.now, data: block.now, borderColor: "#4f46e5",
      backgroundColor: "rgba(79, 70, 229, 0.18)", borderWidth: 2, pointRadius: 2,
    }];
    if (block.has_then) {
      datasets.push({
        label: names.then, data: block.then, borderColor: "#9ca3af",
        backgroundColor: "rgba(156, 163, 175, 0.10)", borderDash: [6, 4], borderWidth: 2, pointRadius: 2,
      });
    }
    if (block.has_mentor) {
      datasets.push({
        label: names.mentor, data: block.mentor, borderColor: "#047857",
        backgroundColor: "rgba(4, 120, 87, 0.0)", borderWidth: 2, pointRadius: 2,
      });
    }
    new Chart(canvas, {
      type: "radar",
      data: { labels: block.labels, datasets: datasets },
      options: {
        maintainAspectRatio: false,
        scales: { r: { min: 0, max: 5, ticks: { stepSize: 1, backdropColor: "transparent" } } },
        plugins: { legend: { position: "bottom" } },
      },
    });
  }
  if (data.radar_series) {
    radarChart(document.getElementById("radar-key-chart"), data.radar_key, data.radar_series);
    radarChart(document.getElementById("radar-phase-chart"), data.radar_phase, data.radar_series);
  }
})();
