/* Draws the page's charts as they come into view.
 *
 * The server sends every chart of the page in one answer (the figures store: {view, charts:
 * {id: {figure, source_line, height, empty, config}}}); each panel's box already has the chart's
 * height, so nothing moves when a figure arrives. A chart is drawn when its box comes near the
 * viewport (IntersectionObserver), when keyboard focus enters its panel, before printing, or
 * first of all when the URL selects one of its figures; then it stays drawn. When the filters
 * change, charts in view redraw at once and the others when they come into view: until then a
 * chart drawn for older filters is hidden, so no stale figure is ever shown.
 *
 * Each mark's hover citation (customdata[4]) is the same in every answer, so answers leave it
 * out (null) and name a file holding all of them (data.hover_texts, named by its digest, kept by
 * the browser): it is fetched once, and charts wait for it before their first drawing.
 *
 * Clicks, boxes, lassos and legend clicks on any chart set the selection store (the rule is in
 * linking.js, which also highlights the selection in every drawn chart).
 */
(function () {
  var NEAR = "400px 0px";  // start drawing this far before a box enters the viewport
  var state = {
    view: null,
    drawings: {},      // chart id -> drawing from the server
    drawnView: {},     // chart id -> the view its plot shows
    near: {},          // chart id -> box near the viewport
    queue: [],
    observed: new WeakSet(),
    pendingScroll: null,
    hoverUrl: null,    // the hover citations' file the answers name
    hovers: null       // row id -> hover citation, once that file is in
  };
  var HOVER = 4;       // customdata: [row_id, year_start, year_end, subject, hover]
  var NO_HOVER = "The citation could not be loaded: reload the page.";
  var nu = function () { return window.dash_clientside.no_update; };

  var NARROW = 560;  // below this a chart drops plotly's toolbar (its tools need a mouse anyway)

  function graphId(chartId) { return { chart: chartId, type: "chart-graph" }; }
  function contentsId(chartId) { return { chart: chartId, type: "contents-link" }; }
  function sourceLineId(chartId) { return { chart: chartId, type: "chart-source-line" }; }
  function holder(chartId) { return document.getElementById(JSON.stringify(graphId(chartId))); }
  function plotOf(box) { return box && box.querySelector(":scope > .js-plotly-plot"); }
  function setProps(id, props) {
    if (document.getElementById(typeof id === "string" ? id : JSON.stringify(id))) {
      window.dash_clientside.set_props(id, props);
    }
  }

  function isStale(chartId) {
    return state.drawings[chartId] !== undefined && state.drawnView[chartId] !== state.view;
  }

  /* Keep a panel's box, class and source line as the drawing says (through Dash, so the
   * components' props stay the truth); only what differs is touched. */
  function syncPanel(chartId) {
    var drawing = state.drawings[chartId], box = holder(chartId);
    if (!drawing || !box) { return; }
    var className = drawing.empty ? "chart-graph chart-empty" : "chart-graph";
    var height = drawing.height + "px";
    if (box.className !== className || box.style.height !== height) {
      setProps(graphId(chartId), { className: className, style: { height: height } });
    }
    var line = document.getElementById(JSON.stringify(sourceLineId(chartId)));
    if (line && line.textContent !== drawing.source_line) {
      setProps(sourceLineId(chartId), { children: drawing.source_line });
    }
    var link = document.getElementById(JSON.stringify(contentsId(chartId)));
    var linkClass = drawing.empty ? "contents-link is-empty" : "contents-link";
    if (link && link.className !== linkClass) { setProps(contentsId(chartId), { className: linkClass }); }
    if (isStale(chartId) && plotOf(box)) { box.setAttribute("data-stale", ""); }
  }

  function attachEvents(gd, chartId) {
    if (gd.dataset.sriEvents) { return; }
    gd.dataset.sriEvents = "1";
    var select = function (selection) {
      if (selection) { window.dash_clientside.set_props("selection-store", { data: selection }); }
    };
    gd.on("plotly_click", function (event) { select(window.sriLinking.fromClick(event)); });
    gd.on("plotly_selected", function (event) { select(window.sriLinking.fromBox(event)); });
    gd.on("plotly_restyle", function (change) {
      if (change && change[0] && "visible" in change[0]) { select(window.sriLinking.fromLegend(gd)); }
    });
  }

  function loadHovers(url) {
    state.hoverUrl = url;
    state.hovers = null;
    window.fetch(url, { credentials: "same-origin" })
      .then(function (response) {
        if (!response.ok) { throw new Error(url + ": HTTP " + response.status); }
        return response.json();
      })
      .catch(function (error) {
        console.error("hover citations not loaded", error);
        return {};
      })
      .then(function (hovers) {
        if (state.hoverUrl !== url) { return; }
        state.hovers = hovers;
        pump();
      });
  }

  /* Put each mark's hover citation back where the answer left it out (once a drawing). */
  function withHovers(drawing) {
    if (drawing.sriHovers) { return; }
    drawing.sriHovers = true;
    (drawing.figure.data || []).forEach(function (trace) {
      (trace.customdata || []).forEach(function (cd) {
        if (cd && cd[HOVER] === null) { cd[HOVER] = state.hovers[cd[0]] || NO_HOVER; }
      });
    });
  }

  function draw(chartId) {
    var drawing = state.drawings[chartId], box = holder(chartId);
    if (!drawing || !box || !isStale(chartId) || !window.Plotly || !state.hovers) { return; }
    state.drawnView[chartId] = state.view;
    var gd = plotOf(box);
    if (drawing.empty) {
      if (gd) { window.Plotly.purge(gd); gd.remove(); }
      box.removeAttribute("data-stale");
      return;
    }
    if (!gd) {
      gd = document.createElement("div");
      gd.className = "chart-plot";
      box.appendChild(gd);
    }
    withHovers(drawing);
    var figure = window.sriLinking.withSelection(drawing.figure);
    var config = box.clientWidth < NARROW ? Object.assign({}, drawing.config, { displayModeBar: false }) : drawing.config;
    window.Plotly.react(gd, figure.data, figure.layout, config).then(function () {
      attachEvents(gd, chartId);
      // the toolbar is for the mouse: the panel's Table view and Share box serve the keyboard
      gd.querySelectorAll(".modebar-btn").forEach(function (button) { button.tabIndex = -1; });
      box.removeAttribute("data-stale");
      box.setAttribute("data-drawn", "");
    });
  }

  /* The charts due, in one task: a page laid out and painted once, not once a chart (measured in
   * bench/interaction.py: drawing one chart a task cost about 15% more; the charts in view are
   * few, so the task stays short). */
  function pump() {
    if (!state.hovers) { return; }  // drawn when the hover citations are in (loadHovers)
    while (state.queue.length) { draw(state.queue.shift()); }
  }

  function enqueue(chartId, first) {
    if (!isStale(chartId)) { return; }
    var at = state.queue.indexOf(chartId);
    if (at >= 0) { state.queue.splice(at, 1); }
    if (first) { state.queue.unshift(chartId); } else { state.queue.push(chartId); }
    if (state.queue.length === 1) { window.setTimeout(pump, 0); }  // after this task's other enqueues
  }

  var intersection = new IntersectionObserver(function (entries) {
    entries.forEach(function (entry) {
      var chartId = entry.target.dataset.chart;
      state.near[chartId] = entry.isIntersecting;
      if (entry.isIntersecting) { enqueue(chartId); }
    });
  }, { rootMargin: NEAR });

  /* Boxes appear when Dash renders a page: watch each one. */
  function observeBoxes() {
    document.querySelectorAll(".chart-graph[data-chart]").forEach(function (box) {
      if (state.observed.has(box)) { return; }
      state.observed.add(box);
      if (!plotOf(box)) { delete state.drawnView[box.dataset.chart]; }  // a new page's box: draw afresh
      syncPanel(box.dataset.chart);
      intersection.observe(box);
    });
    if (state.pendingScroll) { scrollToRow(state.pendingScroll); }
  }
  new MutationObserver(observeBoxes).observe(document.documentElement, { childList: true, subtree: true });

  function chartOfRow(rowId) {
    var found = null;
    Object.keys(state.drawings).some(function (chartId) {
      var data = state.drawings[chartId].figure.data || [];
      var hit = data.some(function (trace) {
        return (trace.customdata || []).some(function (cd) { return cd && cd[0] === rowId; });
      });
      if (hit) { found = chartId; }
      return hit;
    });
    return found;
  }

  /* A URL naming a figure: its chart is drawn first and scrolled into view. */
  function scrollToRow(rowId) {
    var chartId = chartOfRow(rowId), box = chartId && holder(chartId);
    if (!box) { state.pendingScroll = rowId; return; }
    state.pendingScroll = null;
    enqueue(chartId, true);
    var panel = box.closest(".panel") || box;
    panel.scrollIntoView({ block: "start" });
  }

  document.addEventListener("focusin", function (event) {
    var panel = event.target.closest && event.target.closest(".panel[data-chart]");
    if (panel) { enqueue(panel.dataset.chart, true); }
  });
  window.addEventListener("beforeprint", function () {
    Object.keys(state.drawings).forEach(function (chartId) { draw(chartId); });
  });

  /* "n charts have no figures under these filters", as the server words it (app/drawing.py). */
  function summariseEmpty(text) {
    var node = document.getElementById("empty-summary");
    if (node && node.textContent !== (text || "")) { setProps("empty-summary", { children: text || "" }); }
  }

  window.sriCharts = { scrollToRow: scrollToRow };

  window.dash_clientside = Object.assign({}, window.dash_clientside, {
    charts: {
      receive: function (data) {
        if (!data || !data.charts) { return nu(); }
        if (data.hover_texts && data.hover_texts !== state.hoverUrl) { loadHovers(data.hover_texts); }
        state.view = data.view;
        Object.keys(data.charts).forEach(function (chartId) {
          state.drawings[chartId] = data.charts[chartId];
          syncPanel(chartId);
        });
        observeBoxes();
        summariseEmpty(data.empty_summary);
        Object.keys(data.charts).forEach(function (chartId) {
          if (state.near[chartId]) { enqueue(chartId); }
        });
        return nu();
      }
    }
  });
}());
