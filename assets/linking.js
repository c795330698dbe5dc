/* Linking that needs no server data: selection from clicks / boxes / lassos / legends,
 * highlighting the same marks, years and subjects in every chart, the URL, the view switches
 * (Chart / Table / Sources buttons: the pressed one and the panel's view store).
 * Mirrors app/interaction.py:highlight_ids (a mark lights up when selected, when its years lie
 * within a selected span, or when its subject is selected). customdata per point:
 * [row_id, year_start, year_end, subject, hover]. */
(function () {
  var MUTED = 0.25;
  var EMPTY = { ids: [], years: [], subjects: [] };
  var nu = function () { return window.dash_clientside.no_update; };

  function triggered() {
    var t = window.dash_clientside.callback_context.triggered || [];
    if (!t.length) { return null; }
    var propId = t[0].prop_id;
    var dot = propId.lastIndexOf(".");
    var raw = propId.slice(0, dot);
    var id = raw;
    try { id = JSON.parse(raw); } catch (e) { /* plain string id */ }
    return { id: id, prop: propId.slice(dot + 1), value: t[0].value };
  }

  function spanOf(cd) {
    if (!cd || cd[1] === null || cd[1] === undefined) { return null; }
    return [cd[1], cd[2] === null || cd[2] === undefined ? cd[1] : cd[2]];
  }

  function fromPoints(points) {
    var ids = [], years = [];
    (points || []).forEach(function (p) {
      var cd = p.customdata;
      if (!cd || !cd[0] || ids.indexOf(cd[0]) >= 0) { return; }
      ids.push(cd[0]);
      var s = spanOf(cd);
      if (s) { years.push(s); }
    });
    return { ids: ids, years: years, subjects: [] };
  }

  function graphDiv(id) {
    var key = JSON.stringify({ chart: id.chart, type: id.type });
    var holder = document.getElementById(key);
    return holder ? holder.querySelector(".js-plotly-plot") : null;
  }

  function fromLegend(id) {
    var gd = graphDiv(id);
    if (!gd || !gd.data) { return null; }
    var visible = gd.data.filter(function (t) { return t.visible !== "legendonly" && t.visible !== false; });
    if (visible.length === gd.data.length) { return EMPTY; }
    var ids = [], subjects = [];
    visible.forEach(function (t) {
      (t.customdata || []).forEach(function (cd) {
        if (!cd || !cd[0]) { return; }
        if (ids.indexOf(cd[0]) < 0) { ids.push(cd[0]); }
        if (cd[3] && subjects.indexOf(cd[3]) < 0) { subjects.push(cd[3]); }
      });
    });
    return { ids: ids, years: [], subjects: subjects };
  }

  function isHit(cd, sel, ids, subjects) {
    if (!cd) { return false; }
    if (ids[cd[0]] || (cd[3] && subjects[cd[3]])) { return true; }
    var s = spanOf(cd);
    if (!s) { return false; }
    for (var i = 0; i < sel.years.length; i++) {
      var y = sel.years[i];
      if (y[0] <= s[0] && s[1] <= y[1]) { return true; }
    }
    return false;
  }

  /* Restyle marker opacities in place: far cheaper than handing Dash twelve new figures. */
  function highlightGraph(gd, sel) {
    if (!gd || !gd.data || !window.Plotly) { return; }
    var active = sel && ((sel.ids && sel.ids.length) || (sel.years && sel.years.length) ||
                         (sel.subjects && sel.subjects.length));
    var ids = {}, subjects = {};
    (active ? sel.ids || [] : []).forEach(function (i) { ids[i] = true; });
    (active ? sel.subjects || [] : []).forEach(function (s) { subjects[s] = true; });
    var spans = { years: active ? sel.years || [] : [] };
    var markerOps = [], markerIdx = [], lineOps = [], lineIdx = [];
    gd.data.forEach(function (trace, index) {
      var cds = trace.customdata;
      if (!cds || !cds.length) { return; }
      var base = trace.type === "scattergeo" ? 0.9 : 1;
      var op = cds.map(function (cd) { return !active || isHit(cd, spans, ids, subjects) ? base : MUTED; });
      if (trace.mode === "lines") {
        lineIdx.push(index);
        lineOps.push(!active || op.some(function (o) { return o === base; }) ? 0.5 : 0.15);
      } else {
        markerIdx.push(index);
        markerOps.push(op);
      }
    });
    if (markerIdx.length) { window.Plotly.restyle(gd, { "marker.opacity": markerOps }, markerIdx); }
    if (lineIdx.length) { window.Plotly.restyle(gd, { opacity: lineOps }, lineIdx); }
  }

  window.dash_clientside = Object.assign({}, window.dash_clientside, {
    linking: {
      selectionFromEvents: function (clicks, selecteds, restyles, clear, current) {
        var t = triggered();
        if (!t) { return nu(); }
        if (t.id === "clear-selection") { return EMPTY; }
        if (t.prop === "clickData") {
          if (!t.value || !t.value.points || !t.value.points.length) { return nu(); }
          var picked = fromPoints([t.value.points[0]]);
          if (!picked.ids.length) { return nu(); }
          var same = current && current.ids && current.ids.length === 1 && current.ids[0] === picked.ids[0];
          return same ? EMPTY : picked;
        }
        if (t.prop === "selectedData") {
          if (!t.value) { return nu(); }
          var boxed = fromPoints(t.value.points);
          return boxed.ids.length ? boxed : nu();
        }
        if (t.prop === "restyleData") {
          var change = t.value && t.value[0];
          if (!change || !("visible" in change)) { return nu(); }
          return fromLegend(t.id) || nu();
        }
        return nu();
      },
      highlight: function (selection) {
        document.querySelectorAll(".chart-graph .js-plotly-plot").forEach(function (gd) {
          highlightGraph(gd, selection);
        });
        return nu();
      },
      writeUrl: function (query) {
        var q = query ? "?" + query : "";
        if (window.location.search !== q) {
          window.history.replaceState(window.history.state, "", window.location.pathname + q + window.location.hash);
        }
        return nu();
      },
      pickView: function (clicks, optionIds) {
        var t = triggered();
        if (!t || !t.id || !t.id.view) { return [nu(), optionIds.map(nu)]; }
        return [t.id.view, optionIds.map(function (id) { return String(id.view === t.id.view); })];
      },
      toggleView: function (view) {
        return view === "chart" ? {} : { display: "none" };
      }
    }
  });
}());
