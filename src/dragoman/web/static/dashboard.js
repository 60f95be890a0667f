/* dragoman dashboard: draws the charts from the page's embedded JSON (its JSON twin's data)
   with the vendored Apache ECharts, and wires the article view's keyboard navigation. */
(function () {
  "use strict";

  var QUADS = [
    { label: "verbal cooperation", column: "n_verbal_cooperation", colour: "#0072b2" },
    { label: "material cooperation", column: "n_material_cooperation", colour: "#009e73" },
    { label: "verbal conflict", column: "n_verbal_conflict", colour: "#e69f00" },
    { label: "material conflict", column: "n_material_conflict", colour: "#d55e00" }
  ];
  var TEXT = { color: "#1b1f24", fontSize: 13 };
  var DAY = 86400000;
  var STEP = { day: DAY, week: 7 * DAY, month: 31 * DAY, year: 366 * DAY };
  var LABEL = { day: "{yyyy}-{MM}-{dd}", week: "{yyyy}-{MM}-{dd}", month: "{yyyy}-{MM}", year: "{yyyy}" };
  var charts = [];

  function pageData() {
    var el = document.getElementById("page-data");
    return el ? JSON.parse(el.textContent) : null;
  }

  function round(x) {
    return x === null || x === undefined ? null : Math.round(x * 100) / 100;
  }

  /* Mean Goldstein (-10 conflict .. +10 cooperation) to a red-grey-blue colour. */
  function goldsteinColour(g) {
    var t = Math.max(-1, Math.min(1, (g || 0) / 7));
    var grey = [140, 140, 140];
    var end = t < 0 ? [178, 24, 43] : [33, 102, 172];
    var a = Math.abs(t);
    var rgb = grey.map(function (c, i) { return Math.round(c + (end[i] - c) * a); });
    return "rgb(" + rgb.join(",") + ")";
  }

  function track(chart) {
    charts.push(chart);
    return chart;
  }

  function timeChart(el, points, interval) {
    if (!el || !points || !points.length) { return; }
    var step = STEP[interval] || STEP.month;
    var first = Date.parse(points[0].period);
    var last = Date.parse(points[points.length - 1].period);
    var chart = track(echarts.init(el, null, { renderer: "canvas" }));
    var series = QUADS.map(function (q) {
      return {
        name: q.label,
        type: "bar",
        stack: "events",
        barMaxWidth: 28,
        barMinWidth: 3,
        itemStyle: { color: q.colour },
        data: points.map(function (p) { return [p.period, p[q.column]]; })
      };
    });
    series.push({
      name: "mean Goldstein",
      type: "line",
      yAxisIndex: 1,
      symbolSize: 7,
      itemStyle: { color: "#1b1f24" },
      lineStyle: { width: 2 },
      data: points.map(function (p) { return [p.period, round(p.goldstein_mean)]; })
    });
    chart.setOption({
      animation: false,
      aria: { enabled: true },
      textStyle: TEXT,
      tooltip: { trigger: "axis", axisPointer: { type: "shadow" } },
      legend: { top: 4, type: "scroll", textStyle: TEXT },
      grid: { left: 52, right: 58, top: 44, bottom: 64 },
      xAxis: { type: "time", min: first - step / 2, max: last + step, minInterval: step,
               axisLabel: { color: TEXT.color, hideOverlap: true, formatter: LABEL[interval] || LABEL.month } },
      yAxis: [
        { type: "value", name: "events", minInterval: 1, axisLabel: { color: TEXT.color }, nameTextStyle: TEXT },
        { type: "value", name: "Goldstein", min: -10, max: 10, interval: 5, splitLine: { show: false },
          axisLabel: { color: TEXT.color }, nameTextStyle: TEXT }
      ],
      dataZoom: [{ type: "inside" }, { type: "slider", height: 18, bottom: 10 }],
      series: series
    });
  }

  function networkChart(el, data) {
    if (!el || !data || !data.nodes.length) { return; }
    var chart = track(echarts.init(el, null, { renderer: "canvas" }));
    chart.setOption({
      animation: false,
      aria: { enabled: true },
      textStyle: TEXT,
      tooltip: {
        formatter: function (p) {
          if (p.dataType === "edge") {
            return p.data.source + " → " + p.data.target + ": " + p.data.value +
              " events, mean Goldstein " + round(p.data.goldstein);
          }
          return p.data.name + ": " + p.data.value + " events with others";
        }
      },
      series: [{
        type: "graph",
        layout: "force",
        roam: true,
        draggable: true,
        label: { show: true, position: "right", color: TEXT.color, fontSize: 13, fontWeight: "bold",
                 textBorderColor: "#fff", textBorderWidth: 3 },
        zoom: 0.78,
        force: { repulsion: 320, edgeLength: [50, 130], gravity: 0.2, layoutAnimation: false },
        edgeSymbol: ["none", "arrow"],
        edgeSymbolSize: 9,
        emphasis: { focus: "adjacency", lineStyle: { width: 5 } },
        data: data.nodes.map(function (n) {
          return { id: n.id, name: n.id, value: n.n, symbolSize: 10 + 5 * Math.sqrt(n.n),
                   itemStyle: { color: "#12355b", borderColor: "#fff", borderWidth: 1 } };
        }),
        links: data.edges.map(function (e) {
          return { source: e.source, target: e.target, value: e.n, goldstein: e.goldstein_mean,
                   lineStyle: { width: 1 + 2 * Math.log2(1 + e.n), color: goldsteinColour(e.goldstein_mean),
                                curveness: 0.18, opacity: 0.95 } };
        })
      }]
    });
    chart.on("click", function (p) {
      if (p.dataType === "node") {
        window.location.href = "/dyad?actor=" + encodeURIComponent(p.data.id);
      } else if (p.dataType === "edge") {
        window.location.href = "/dyad?source=" + encodeURIComponent(p.data.source) +
          "&target=" + encodeURIComponent(p.data.target);
      }
    });
  }

  function articleView() {
    var cards = Array.prototype.slice.call(document.querySelectorAll("#event-list .card[data-index]"));
    var marks = Array.prototype.slice.call(document.querySelectorAll("#article-text mark.ev"));
    if (!cards.length) { return; }
    var current = -1;

    function covers(mark, i) {
      return mark.getAttribute("data-events").split(" ").indexOf(String(i)) >= 0;
    }

    function select(i) {
      current = i;
      cards.forEach(function (c) { c.classList.toggle("active", Number(c.dataset.index) === i); });
      marks.forEach(function (m) { m.classList.toggle("active", covers(m, i)); });
    }

    function go(i) {
      select(i);
      var first = marks.filter(function (m) { return covers(m, i); })[0];
      if (first) { first.scrollIntoView({ block: "center" }); }
      cards[i].scrollIntoView({ block: "nearest" });
      cards[i].querySelector("a.jump").focus({ preventScroll: true });
    }

    marks.forEach(function (m) {
      m.addEventListener("click", function () {
        var ids = m.getAttribute("data-events").split(" ").map(Number);
        var pos = ids.indexOf(current);
        go(ids[(pos + 1) % ids.length]);
      });
    });
    cards.forEach(function (c) {
      var link = c.querySelector("a.jump");
      link.addEventListener("focus", function () { select(Number(c.dataset.index)); });
      link.addEventListener("click", function () { select(Number(c.dataset.index)); });
    });
    document.addEventListener("keydown", function (ev) {
      var tag = (ev.target && ev.target.tagName) || "";
      if (ev.altKey || ev.ctrlKey || ev.metaKey || /^(INPUT|TEXTAREA|SELECT)$/.test(tag)) { return; }
      if (ev.key === "j") { go(Math.min(cards.length - 1, current + 1)); ev.preventDefault(); }
      if (ev.key === "k") { go(Math.max(0, current - 1)); ev.preventDefault(); }
    });
    var hash = decodeURIComponent(window.location.hash.slice(1));
    if (hash) {
      cards.forEach(function (c) {
        if (c.querySelector("a.jump").getAttribute("href") === "#" + hash) { select(Number(c.dataset.index)); }
      });
    }
  }

  function pasteForm() {
    var form = document.querySelector("form.paste");
    if (!form) { return; }
    form.addEventListener("submit", function () {
      document.getElementById("paste-busy").hidden = false;
      document.getElementById("paste-submit").setAttribute("aria-disabled", "true");
    });
  }

  function start() {
    var page = document.body.getAttribute("data-page");
    var data = pageData();
    if (page === "overview" && data) { timeChart(document.getElementById("timeline-chart"), data.timeline, data.interval); }
    if (page === "dyad" && data) { timeChart(document.getElementById("dyad-chart"), data.points, data.interval); }
    if (page === "network" && data) { networkChart(document.getElementById("network-chart"), data); }
    if (page === "article") { articleView(); }
    if (page === "paste") { pasteForm(); }
    window.addEventListener("resize", function () { charts.forEach(function (c) { c.resize(); }); });
    document.body.setAttribute("data-ready", "true");
  }

  if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", start);
  } else {
    start();
  }
})();
