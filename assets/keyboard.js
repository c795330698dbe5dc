/* Keyboard paths the components do not give: Enter or Space on a row of the /table grid selects
 * it as a click does (the grid's cellClicked, so the one server callback makes the selection). */
(function () {
  document.addEventListener("keydown", function (event) {
    if (event.key !== "Enter" && event.key !== " ") { return; }
    var cell = event.target.closest && event.target.closest(".figures-grid .ag-cell");
    var row = cell && cell.closest(".ag-row[row-id]");
    if (!row || !window.dash_clientside || !window.dash_clientside.set_props) { return; }
    event.preventDefault();
    window.dash_clientside.set_props("table-grid", {
      cellClicked: { rowId: row.getAttribute("row-id"), colId: cell.getAttribute("col-id"), timestamp: Date.now() }
    });
  });
}());
