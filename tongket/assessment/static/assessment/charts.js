/* Charts of the assessment dashboard and the explorer (Chart.js, served locally).
   Dashboard: the area's yearly figures, the parent area's beside them, the target band, the target year.
   Explorer: one line per (indicator, area). Numbers are written the Vietnamese way (1.234,5). */
(function () {
  "use strict";
  if (typeof Chart === "undefined") { return; }
  var lang = (document.documentElement.lang || "vi").indexOf("en") === 0 ? "en-US" : "vi-VN";
  var fmt = new Intl.NumberFormat(lang, { maximumFractionDigits: 2 });
  var palette = ["#7a1f1f", "#1f5f7a", "#2e7d32", "#b26a00", "#6a1b9a", "#00695c", "#c62828",
                 "#283593", "#558b2f", "#ef6c00", "#4e342e", "#37474f"];

  // Draws a dashed vertical line at each target year (no plugin download needed).
  var targetYears = {
    id: "targetYears",
    afterDatasetsDraw: function (chart, args, opts) {
      var years = (opts && opts.years) || [];
      var x = chart.scales.x, area = chart.chartArea, ctx = chart.ctx;
      years.forEach(function (year, n) {
        var index = chart.data.labels.indexOf(year);
        if (index < 0) { return; }
        var px = x.getPixelForValue(index);
        ctx.save();
        ctx.strokeStyle = "#6c757d"; ctx.setLineDash([4, 4]); ctx.lineWidth = 1;
        ctx.beginPath(); ctx.moveTo(px, area.top); ctx.lineTo(px, area.bottom); ctx.stroke();
        ctx.setLineDash([]); ctx.fillStyle = "#495057"; ctx.font = "11px sans-serif";
        // Each target year's label on a line of its own, so that close years do not overlap.
        ctx.fillText(opts.label + " " + year, Math.max(area.left + 2, Math.min(px + 3, area.right - 92)),
                     area.top + 12 + 12 * n);
        ctx.restore();
      });
    }
  };

  function baseOptions(years, yearLabel) {
    return {
      responsive: true, maintainAspectRatio: false, animation: false, spanGaps: true,
      interaction: { mode: "index", intersect: false },
      scales: { y: { grace: "8%", ticks: { callback: function (v) { return fmt.format(v); } } } },
      plugins: {
        legend: { position: "bottom", labels: { boxWidth: 12, font: { size: 11 },
                  filter: function (item, data) { return !data.datasets[item.datasetIndex].band; } } },
        tooltip: { callbacks: { label: function (c) {
          if (c.parsed.y === null || c.dataset.band) { return null; }
          return c.dataset.label + ": " + fmt.format(c.parsed.y);
        } } },
        targetYears: { years: years || [], label: yearLabel || "" }
      }
    };
  }

  function dashboardCharts() {
    var node = document.getElementById("assessment-charts");
    if (!node) { return; }
    JSON.parse(node.textContent).forEach(function (c) {
      var canvas = document.getElementById(c.id);
      if (!canvas) { return; }
      var datasets = [{
        label: c.area_label + (c.figures_illustrative ? " (minh họa)" : ""), data: c.area,
        borderColor: palette[0], backgroundColor: palette[0], tension: 0.1,
        pointStyle: c.area_illustrative.map(function (m) { return m ? "triangle" : "circle"; }),
        pointRadius: 3
      }];
      if (c.parent && c.parent.length) {
        datasets.push({ label: c.parent_label, data: c.parent, borderColor: palette[1],
                        backgroundColor: palette[1], borderDash: [6, 3], pointRadius: 2, tension: 0.1 });
      }
      (c.bands || []).forEach(function (b) {
        var color = "rgba(25, 135, 84, 0.7)";
        var lower = c.labels.map(function () { return b.lower; });
        if (b.lower === b.upper) {
          datasets.push({ label: "Mục tiêu " + b.code, data: lower, borderColor: color, borderWidth: 1.5,
                          borderDash: [2, 2], pointRadius: 0, fill: false });
          return;
        }
        var upper = c.labels.map(function () { return b.upper; });
        datasets.push({ label: "Mục tiêu " + b.code, data: upper, borderColor: color,
                        borderWidth: 1, pointRadius: 0, fill: false });
        // The band between the bounds, without a second legend entry.
        datasets.push({ label: "", data: lower, borderColor: color, borderWidth: 1, pointRadius: 0,
                        backgroundColor: "rgba(25, 135, 84, 0.12)", fill: "-1", band: true });
      });
      new Chart(canvas, { type: "line", data: { labels: c.labels, datasets: datasets },
                          options: baseOptions(c.target_years, "Năm mục tiêu"), plugins: [targetYears] });
    });
  }

  function explorerChart() {
    var node = document.getElementById("explorer-chart-data");
    var canvas = document.getElementById("explorer-chart");
    if (!node || !canvas) { return; }
    var data = JSON.parse(node.textContent);
    var datasets = data.series.map(function (s, i) {
      var color = palette[i % palette.length];
      return { label: s.label, data: s.data, borderColor: color, backgroundColor: color, pointRadius: 2, tension: 0.1 };
    });
    new Chart(canvas, { type: "line", data: { labels: data.labels, datasets: datasets },
                        options: baseOptions([], ""), plugins: [targetYears] });
  }

  dashboardCharts();
  explorerChart();
})();
