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

  function copy(text, button) {
    var done = function () {
      var label = button.textContent;
      button.textContent = "Copied ✓";
      window.setTimeout(function () { button.textContent = label; }, 1600);
    };
    if (navigator.clipboard && window.isSecureContext) {
      navigator.clipboard.writeText(text).then(done, function () { fallback(text); done(); });
    } else {
      fallback(text);
      done();
    }
  }

  function fallback(text) {
    var box = document.createElement("textarea");
    box.value = text;
    box.setAttribute("readonly", "");
    box.style.position = "fixed";
    box.style.opacity = "0";
    document.body.appendChild(box);
    box.select();
    try { document.execCommand("copy"); } catch (e) { /* nothing more to try */ }
    box.remove();
  }

  document.addEventListener("click", function (event) {
    var button = event.target.closest && event.target.closest("button.share-copy");
    if (!button) { return; }
    var origin = window.location.origin, what = button.dataset.copy;
    if (what === "view") {
      copy(origin + window.location.pathname + window.location.search + "#panel-" + button.dataset.chart, button);
    } else if (what === "figure") {
      if (!state.selected) { button.textContent = "Select a figure first"; return; }
      copy(origin + "/figure/" + encodeURIComponent(state.selected), button);
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
