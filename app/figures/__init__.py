"""Pure figure builders: tables in, plotly Figure out. No dash imports, no globals, no files."""
