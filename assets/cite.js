/* The Cite box (app/figure_page.py, app/about_page.py).
 *
 * - cite.context: a page asks for the browser's own origin and today's date, so the server renders
 *   absolute permalinks (the page's address as the reader sees it, never the Host header) and the
 *   reader's access date. A configured $SRI_PUBLIC_URL wins on the server.
 * - FigurePageLink: the table's "Cite" link to each figure's page.
 * - Copy buttons ([data-copy=ID], window.sriCopy) copy the text of element ID exactly as shown, and say so in the
 *   box's status line for screen readers. Without the Clipboard API (a page served over plain
 *   http), the text is selected and copied the older way.
 */
(function () {
  function today() {
    var d = new Date();
    var pad = function (n) { return (n < 10 ? "0" : "") + n; };
    return d.getFullYear() + "-" + pad(d.getMonth() + 1) + "-" + pad(d.getDate());
  }

  function copyOldWay(text) {
    var box = document.createElement("textarea");
    box.value = text;
    box.setAttribute("readonly", "");
    box.style.position = "fixed";
    box.style.top = "0";
    box.style.opacity = "0";
    document.body.appendChild(box);
    box.select();
    var copied = false;
    try { copied = document.execCommand("copy"); } catch (error) { copied = false; }
    document.body.removeChild(box);
    return copied ? Promise.resolve() : Promise.reject(new Error("copy refused"));
  }

  function copy(text) {
    if (navigator.clipboard && window.isSecureContext) {
      return navigator.clipboard.writeText(text).catch(function () { return copyOldWay(text); });
    }
    return copyOldWay(text);
  }
  window.sriCopy = copy;

  /* A figure's page, as app/paths.py figure_path writes it (the colon kept readable). */
  function figurePath(rowId) { return "/figure/" + encodeURIComponent(rowId).replace(/%3A/g, ":"); }
  window.sriFigurePath = figurePath;  /* a Promise that the text is on the clipboard; share.js copies with it */

  function tell(button, message) {
    var status = document.getElementById("cite-status");
    if (status) { status.textContent = message; }
    button.textContent = message.indexOf("Copied") === 0 ? "Copied" : "Copy failed";
    window.setTimeout(function () { button.textContent = "Copy"; }, 2500);
  }

  document.addEventListener("click", function (event) {
    var button = event.target.closest && event.target.closest("[data-copy]");
    var target = button && document.getElementById(button.dataset.copy);
    if (!target) { return; }
    var what = (button.getAttribute("aria-label") || "").replace(/^Copy /, "");
    copy(target.textContent).then(
      function () { tell(button, "Copied " + what + "."); },
      function () { tell(button, "Could not copy " + what + ": select the text and copy it."); }
    );
  });

  /* The table page's "Cite" column (app/pages.py): a link to the figure's page that moves within
   * the app, as dcc.Link does, unless opened in a new tab or window. */
  var gridFunctions = (window.dashAgGridComponentFunctions = window.dashAgGridComponentFunctions || {});
  gridFunctions.FigurePageLink = function (props) {
    if (!props.value) { return null; }
    var href = figurePath(props.value);
    return window.React.createElement("a", {
      href: href,
      className: "figure-page-link",
      onClick: function (event) {
        if (event.metaKey || event.ctrlKey || event.shiftKey || event.altKey) { return; }
        event.preventDefault();
        event.stopPropagation();
        window.history.pushState({}, "", href);
        window.dispatchEvent(new CustomEvent("_dashprivate_pushstate"));
        window.scrollTo(0, 0);
      }
    }, "Cite");
  };

  window.dash_clientside = Object.assign({}, window.dash_clientside, {
    cite: {
      context: function () { return { origin: window.location.origin, today: today() }; }
    }
  });
}());
