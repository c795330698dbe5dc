#!/usr/bin/env bash
# Rebuild assets/vendor/plotly.min.js: plotly.js with only the trace types the dashboard draws
# (scatter, bar, scattergeo), following plotly.js's CUSTOM_BUNDLE.md with its own modules
# (lib/core, lib/bar, lib/scattergeo) and esbuild, the bundler plotly.js itself builds with.
#
#     bash assets/vendor/build-plotly.sh [PLOTLY_JS_VERSION]
#
# The version must be the plotly.js that the installed plotly (Python) bundles, so that the
# figures plotly.py writes are drawn by the plotly.js they were written for; by default it is
# read from the project's virtual environment. Needs Node.js and npm (the npm registry).
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
root="$(cd "$here/../.." && pwd)"
python="${PYTHON:-$root/.venv/bin/python}"
version="${1:-$("$python" -c 'from plotly.offline import get_plotlyjs_version; print(get_plotlyjs_version())')}"
esbuild_version="0.28.2"
traces=(bar scattergeo) # beside scatter, which plotly.js's core always has; tests check the charts

work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT
cd "$work"
{
    echo 'var Plotly = require("plotly.js/lib/core"); // scatter, and every layout component'
    for trace in "${traces[@]}"; do echo "Plotly.register(require(\"plotly.js/lib/$trace\"));"; done
    echo 'module.exports = Plotly;'
} > entry.cjs
echo "== npm install plotly.js@$version esbuild@$esbuild_version" >&2
npm install --silent --no-audit --no-fund "plotly.js@$version" "esbuild@$esbuild_version" >&2
# The map base module's maplibre CSS is required statically but used only by map traces: empty.
npx esbuild entry.cjs --bundle --minify --format=iife --global-name=Plotly --target=es2016 \
    --define:global=window --define:define.amd=false --loader:.css=empty --legal-comments=none \
    --banner:js="/*! plotly.js v$version, traces: scatter ${traces[*]} (assets/vendor/build-plotly.sh). MIT license: assets/vendor/plotly.LICENSE */" \
    --log-level=warning --outfile="$here/plotly.min.js"
cp node_modules/plotly.js/LICENSE "$here/plotly.LICENSE"
echo "wrote $here/plotly.min.js ($(wc -c < "$here/plotly.min.js") bytes), plotly.js $version" >&2
