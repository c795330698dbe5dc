"""Component ids, declared once. Pattern-matching ids are built by the functions at the end."""

from __future__ import annotations

URL = "url"
URL_WRITER = "url-writer"  # dummy output of the clientside history.replaceState call
HIGHLIGHT_DONE = "highlight-done"  # dummy output of the clientside restyle
QUERY = "query-store"  # the query string the current state serialises to
SELECTION = "selection-store"  # {"ids": [...], "years": [[start, end], ...], "subjects": [...]}
STATE_NOTE = "state-note"
PAGE = "page-content"

CATEGORY = "filter-category"
ESSAY = "filter-essay"
SUBJECT = "filter-subject"
YEARS = "filter-years"
CONTEXT = "filter-context"
CLEAR_SELECTION = "clear-selection"
RESET_FILTERS = "reset-filters"
SELECTION_SUMMARY = "selection-summary"

NAV_OVERVIEW = "nav-overview"
NAV_TABLE = "nav-table"
NAV_SOURCES = "nav-sources"

CITATION_CARD = "citation-card"

TABLE_GRID = "table-grid"
TABLE_SEARCH = "table-search"
TABLE_EXPORT = "table-export"
TABLE_COUNT = "table-count"
SOURCES_LIST = "sources-list"

GRAPH_TYPE = "chart-graph"
SOURCE_LINE_TYPE = "chart-source-line"
VIEW_TYPE = "chart-view"  # a store: "chart", "table" or "sources"
VIEW_OPTION_TYPE = "chart-view-option"  # one button per view
ALT_VIEW_TYPE = "chart-alt-view"
CHART_BOX_TYPE = "chart-box"


def graph(chart_id) -> dict:
    return {"type": GRAPH_TYPE, "chart": chart_id}


def source_line(chart_id) -> dict:
    return {"type": SOURCE_LINE_TYPE, "chart": chart_id}


def view(chart_id) -> dict:
    return {"type": VIEW_TYPE, "chart": chart_id}


def view_option(chart_id, view) -> dict:
    return {"type": VIEW_OPTION_TYPE, "chart": chart_id, "view": view}


def alt_view(chart_id) -> dict:
    return {"type": ALT_VIEW_TYPE, "chart": chart_id}


def chart_box(chart_id) -> dict:
    return {"type": CHART_BOX_TYPE, "chart": chart_id}
