"""Component ids, declared once. Pattern-matching ids are built by the functions at the end."""

from __future__ import annotations

URL = "url"
URL_WRITER = "url-writer"  # dummy output of the clientside history.replaceState call
HIGHLIGHT_DONE = "highlight-done"  # dummy output of the clientside highlight and drawing
FILTER_QUERY = "filter-query"  # the validated filters as a query string (no selection)
FIGURES = "figures-store"  # the page's charts under the filters: drawn in the browser as they come into view
SELECTION = "selection-store"  # {"ids": [...], "years": [[start, end], ...], "subjects": [...]}
STATE_NOTE = "state-note"
PAGE = "page-content"

CATEGORY = "filter-category"
ESSAY = "filter-essay"
SUBJECT = "filter-subject"
YEARS = "filter-years"
CONTEXT = "filter-context"
CLEAR_SELECTION = "clear-selection"
CLOSE_CARD = "close-card"  # the citation card's own close button (clears the selection)
FILTERS = "filters"
FILTERS_TOGGLE = "filters-toggle"  # folds the filters on a phone
RESET_FILTERS = "reset-filters"
SELECTION_SUMMARY = "selection-summary"
# The filter controls and the property each holds its value in, in the order callbacks take them.
CONTROLS = ((CATEGORY, "value"), (ESSAY, "value"), (SUBJECT, "value"), (YEARS, "value"), (CONTEXT, "value"))

NAV_OVERVIEW = "nav-overview"
NAV_TABLE = "nav-table"
NAV_SOURCES = "nav-sources"
NAV_ABOUT = "nav-about"
FOOTER_DOWNLOAD = "footer-download"

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
ALT_REQUEST_TYPE = "chart-alt-request"  # the filters an open table/sources view must show
CHART_BOX_TYPE = "chart-box"
CONTENTS_LINK_TYPE = "contents-link"
EMPTY_SUMMARY = "empty-summary"  # how many charts have nothing under the filters


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


def alt_request(chart_id) -> dict:
    return {"type": ALT_REQUEST_TYPE, "chart": chart_id}


def contents_link(chart_id) -> dict:
    return {"type": CONTENTS_LINK_TYPE, "chart": chart_id}


def chart_box(chart_id) -> dict:
    return {"type": CHART_BOX_TYPE, "chart": chart_id}
