/* Repairs to Dash 4 markup that no component prop reaches (axe-core checks them in
 * tests/test_browser_accessibility.py). Re-applied whenever React adds or changes the nodes.
 *
 * - dcc.Dropdown: its button sits outside the tab order and a hidden
 *   <input aria-hidden="true" tabindex="0"> before it forwards focus to it, so a screen reader
 *   meets a control it is told is not there. Here the button takes the tab stop itself and the
 *   forwarder leaves the tab order. The button is named by its value only ("All categories"):
 *   the filter's visible <label for> is put in front ("Category, All categories").
 * - dcc.RangeSlider's number boxes (the exact years, typeable) have no label. The only prop that
 *   touches them, allow_direct_input=False, removes them; the years would then show only in
 *   tooltips, which cover the open-ended "≤1985" / "2025+" marks. So they get a name here.
 * - dcc.Checklist, and the open dcc.Dropdown's list, wrap each native checkbox (or radio) in a
 *   <label role="option"> inside a role="listbox": an interactive control nested in another,
 *   announced as neither. Without those two roles the input and its own label speak for
 *   themselves (the dropdown's arrow keys move focus by index, not by role).
 */
(function () {
  var RANGE_INPUT_NAMES = {
    "dash-range-slider-min-input": "From year",
    "dash-range-slider-max-input": "To year"
  };

  function nameDropdown(button) {
    var label = button.id && document.querySelector("label[for='" + button.id + "']");
    var ids = (button.getAttribute("aria-labelledby") || "").split(" ");
    if (!label) { return; }
    label.id = label.id || button.id + "-label";
    if (ids.indexOf(label.id) < 0) { button.setAttribute("aria-labelledby", [label.id].concat(ids).join(" ")); }
  }

  function repair(root) {
    root.querySelectorAll("button.dash-dropdown[tabindex='-1']:not(:disabled)").forEach(function (button) {
      button.tabIndex = 0;
      button.setAttribute("aria-haspopup", "dialog");  // what the popup is (Radix role=dialog)
      nameDropdown(button);
    });
    root.querySelectorAll(".dash-dropdown-focus-target[tabindex='0']").forEach(function (input) {
      input.tabIndex = -1;
    });
    root.querySelectorAll(".dash-range-slider-input:not([aria-label])").forEach(function (input) {
      Object.keys(RANGE_INPUT_NAMES).forEach(function (cls) {
        if (input.classList.contains(cls)) { input.setAttribute("aria-label", RANGE_INPUT_NAMES[cls]); }
      });
    });
    root.querySelectorAll(".dash-options-list[role='listbox']").forEach(function (list) {
      list.removeAttribute("role");
    });
    root.querySelectorAll(".dash-options-list-option[role], " +
                          ".dash-options-list-option[aria-selected]").forEach(function (label) {
      label.removeAttribute("role");
      label.removeAttribute("aria-selected");
    });
  }

  // Synchronously, before the next key press: the dropdown puts its forwarder back at tabindex 0
  // each time its button loses focus.
  new MutationObserver(function () { repair(document); }).observe(document.documentElement, {
    subtree: true, childList: true, attributes: true, attributeFilter: ["role", "aria-selected", "tabindex"]
  });
  repair(document);
}());
