/* Each chart's "Share & download" box (app/share.py): its links follow the filters, its copy
 * buttons copy the link to this view, to the selected figure, or the embed code, with this page's
 * own address (never one the server guessed). */
(function () {
  var state = { query: "", selected: null };

  function withQuery(path, extra) {
    var parts = [state.query, extra].filter(Boolean);
    return path + (parts.length ? "?" + parts.join("&") : "");
  }

  function refresh() {
    document.querySelectorAll("a.share-download[data-path]").forEach(function (link) {
      link.setAttribute("href", withQuery(link.dataset.path, link.dataset.extra));
    });
    document.querySelectorAll("textarea.share-snippet[data-path]").forEach(function (box) {
      box.value = box.value.replace(/src="[^"]*"/, 'src="' + window.location.origin + withQuery(box.dataset.path, "") + '"');
    });
  }

  function say(button, message) {  /* for two seconds, then the button's own label again */
    if (!button.dataset.label) { button.dataset.label = button.textContent; }
    button.textContent = message;
    window.clearTimeout(button.sriTimer);
    button.sriTimer = window.setTimeout(function () { button.textContent = button.dataset.label; }, 2000);
  }

  function copy(text, button) {  /* window.sriCopy: assets/cite.js, loaded first */
    window.sriCopy(text).then(
      function () { say(button, "Copied ✓"); },
      function () { say(button, "Could not copy: select it and copy by hand"); }
    );
  }

  document.addEventListener("click", function (event) {
    var button = event.target.closest && event.target.closest("button.share-copy[data-share]");
    if (!button) { return; }
    var origin = window.location.origin, what = button.dataset.share;
    if (what === "view") {
      copy(origin + window.location.pathname + window.location.search + "#panel-" + button.dataset.chart, button);
    } else if (what === "figure") {
      if (!state.selected) { say(button, "Select a figure in the chart first"); return; }
      copy(origin + window.sriFigurePath(state.selected), button);
    } else if (what === "embed") {
      var snippet = button.parentElement.querySelector("textarea.share-snippet");
      refresh();
      copy(snippet.value, button);
    }
  });

  document.addEventListener("toggle", function (event) {
    if (event.target.matches && event.target.matches("details.share") && event.target.open) { refresh(); }
  }, true);

  window.sriShare = {
    follow: function (query, selection) {
      state.query = query || "";
      state.selected = selection && selection.ids && selection.ids.length ? selection.ids[0] : null;
      refresh();
    }
  };
}());
