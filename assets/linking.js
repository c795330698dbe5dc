/* Linking that needs no server data: selection from clicks / boxes / lassos / legends,
 * highlighting the same marks, years and subjects in every chart, the URL, the view switches
 * (Chart / Table / Sources buttons: the pressed one and the panel's view store).
 *
 * A mark lights up when it is selected, when its years lie within a selected span, or when its
 * subject is selected; everything else is muted. customdata per point:
 * [row_id, year_start, year_end, subject, hover]. */
(function () {
  var MUTED = 0.25;
  var EMPTY = { ids: [], years: [], subjects: [] };
  var current = EMPTY;
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

  function isActive(sel) {
    return sel && ((sel.ids && sel.ids.length) || (sel.years && sel.years.length) ||
                   (sel.subjects && sel.subjects.length));
  }

  function hitTest(sel) {
    var ids = {}, subjects = {}, years = sel.years || [];
    (sel.ids || []).forEach(function (i) { ids[i] = true; });
    (sel.subjects || []).forEach(function (s) { subjects[s] = true; });
    return function (cd) {
      if (!cd) { return false; }
      if (ids[cd[0]] || (cd[3] && subjects[cd[3]])) { return true; }
      var s = spanOf(cd);
      if (!s) { return false; }
      for (var i = 0; i < years.length; i++) {
        if (years[i][0] <= s[0] && s[1] <= years[i][1]) { return true; }
      }
      return false;
    };
  }

  /* What each trace should look like under a selection: marker opacities per point, or (for
   * line-only traces such as spans) one opacity for the trace. */
  function looks(trace, sel) {
    var cds = trace.customdata;
    if (!cds || !cds.length || trace.mode === "text") { return null; }
    var active = isActive(sel), hit = active ? hitTest(sel) : null;
    var base = trace.type === "scattergeo" ? 0.9 : 1;
    if (trace.mode === "lines") {
      var lit = !active || cds.some(hit);
      var own = trace._sriOpacity !== undefined ? trace._sriOpacity : (trace.opacity === undefined ? 1 : trace.opacity);
      return { opacity: lit ? own : own * 0.3, own: own };
    }
    return { marker: cds.map(function (cd) { return !active || hit(cd) ? base : MUTED; }) };
  }

  /* A copy of a figure with the current selection's highlight, ready to draw. */
  function withSelection(figure) {
    var data = (figure.data || []).map(function (trace) {
      var look = looks(trace, current);
      if (!look) { return trace; }
      var copy = Object.assign({}, trace);
      if (look.marker) {
        copy.marker = Object.assign({}, trace.marker || {}, { opacity: look.marker });
      } else {
        copy._sriOpacity = look.own;
        copy.opacity = look.opacity;
      }
      return copy;
    });
    return { data: data, layout: figure.layout };
  }

  /* Restyle drawn charts in place: far cheaper than drawing them again. */
  function highlightGraph(gd) {
    if (!gd || !gd.data || !window.Plotly) { return; }
    var markerOps = [], markerIdx = [], lineOps = [], lineIdx = [];
    gd.data.forEach(function (trace, index) {
      var look = looks(trace, current);
      if (!look) { return; }
      if (look.marker) { markerIdx.push(index); markerOps.push(look.marker); }
      else { trace._sriOpacity = look.own; lineIdx.push(index); lineOps.push(look.opacity); }
    });
    if (markerIdx.length) { window.Plotly.restyle(gd, { "marker.opacity": markerOps }, markerIdx); }
    if (lineIdx.length) { window.Plotly.restyle(gd, { opacity: lineOps }, lineIdx); }
  }

  function selectionQuery(sel) {
    return (sel && sel.ids || []).map(function (id) { return "select=" + encodeURIComponent(id); }).join("&");
  }

  window.sriLinking = {
    withSelection: withSelection,
    fromClick: function (event) {
      if (!event || !event.points || !event.points.length) { return null; }
      var picked = fromPoints([event.points[0]]);
      if (!picked.ids.length) { return null; }
      var same = current.ids && current.ids.length === 1 && current.ids[0] === picked.ids[0];
      return same ? EMPTY : picked;
    },
    fromBox: function (event) {
      if (!event) { return null; }
      var boxed = fromPoints(event.points);
      return boxed.ids.length ? boxed : null;
    },
    fromLegend: function (gd) {
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
  };

  window.dash_clientside = Object.assign({}, window.dash_clientside, {
    linking: {
      clear: function () { return EMPTY; },
      countRows: function (shown, all) {
        var n = (shown || []).length, total = (all || []).length;
        return n === total ? total + " figures" : n + " of " + total + " figures";
      },
      toggleFilters: function (clicks, className) {
        var open = (className || "").indexOf("is-open") < 0;
        return [open ? "filters is-open" : "filters", String(open)];
      },
      filtersLabel: function (filterQuery) {
        var names = {};
        (filterQuery || "").split("&").filter(Boolean).forEach(function (pair) { names[pair.split("=")[0]] = true; });
        var count = Object.keys(names).length;
        return count ? "Filters · " + count + " set" : "Filters";
      },
      highlight: function (selection) {
        current = selection || EMPTY;
        document.querySelectorAll(".chart-graph .js-plotly-plot").forEach(highlightGraph);
        if (current.scroll && current.ids && current.ids.length && window.sriCharts) {
          window.sriCharts.scrollToRow(current.ids[0]);
        }
        return nu();
      },
      writeUrl: function (filterQuery, selection) {
        var parts = [filterQuery, selectionQuery(selection)].filter(Boolean);
        var q = parts.length ? "?" + parts.join("&") : "";
        if (window.location.search !== q) {
          window.history.replaceState(window.history.state, "", window.location.pathname + q + window.location.hash);
        }
        var f = filterQuery ? "?" + filterQuery : "";
        if (window.sriShare) { window.sriShare.follow(filterQuery, selection); }
        return [nu(), "/" + f, "/table" + f, "/sources" + f];
      },
      altRequest: function (view, filterQuery) {
        var hidden = { display: "none" };
        if (view === "chart" || !view) { return [nu(), hidden, {}]; }
        return [{ view: view, query: filterQuery || "" }, {}, hidden];
      },
      pickView: function (clicks, optionIds) {
        var t = triggered();
        if (!t || !t.id || !t.id.view) { return [nu(), optionIds.map(nu)]; }
        return [t.id.view, optionIds.map(function (id) { return String(id.view === t.id.view); })];
      }
    }
  });
}());
