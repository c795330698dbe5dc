"""The first screen as Lighthouse sees it: total blocking time, time to interactive and layout
shift of the overview, against the minimal one-graph Dash app, in one run.

    python bench/first_screen.py [--runs 5] [--lighthouse DIR]

Lighthouse comes from the npm registry, installed into a temporary folder (or DIR, reused), and
drives the system Chromium through CHROME_PATH; it never downloads a browser. Desktop preset,
no throttling (the machine is what it is), both apps under gunicorn (2 workers); the runs
alternate between the apps so both meet the same machine load. Targets: total blocking time
<= 1.5x the minimal app's, layout shift <= 0.05.
"""

from __future__ import annotations

import argparse
import json
import os
import shutil
import subprocess
import tempfile
from pathlib import Path

from common import median, print_table, serve

TARGET_TBT, TARGET_SHIFT = 1.5, 0.05
LIGHTHOUSE_VERSION = "12"
CHROMIUM = os.environ.get("CHROME_PATH", "/usr/bin/chromium")
FLAGS = "--headless=new --no-sandbox --disable-gpu --disable-background-networking --disable-dev-shm-usage"
AUDITS = {
    "tbt": "total-blocking-time",
    "tti": "interactive",
    "cls": "cumulative-layout-shift",
    "work": "mainthread-work-breakdown",
}


def install_lighthouse(folder: Path) -> Path:
    """lighthouse from the npm registry into folder (once); the path of its command."""
    command = folder / "node_modules" / ".bin" / "lighthouse"
    if not command.exists():
        print(
            f"installing lighthouse@{LIGHTHOUSE_VERSION} from the npm registry into {folder} ...", flush=True
        )
        subprocess.run(
            ["npm", "install", "--silent", "--no-audit", "--no-fund", f"lighthouse@{LIGHTHOUSE_VERSION}"],
            cwd=folder,
            check=True,
        )
    return command


def audit(lighthouse: Path, url: str, out: Path, attempts: int = 3) -> dict:
    """One Lighthouse run. Lighthouse sometimes fails to record its trace ("NO_NAVSTART ...
    Please run Lighthouse again"): such a run is made again, saying so, up to ``attempts``."""
    for attempt in range(1, attempts + 1):
        done = subprocess.run(
            [
                str(lighthouse),
                url,
                "--quiet",
                "--preset=desktop",
                "--throttling-method=provided",
                "--only-categories=performance",
                f"--chrome-flags={FLAGS}",
                "--output=json",
                f"--output-path={out}",
            ],
            env=dict(os.environ, CHROME_PATH=CHROMIUM),
            timeout=300,
        )
        if done.returncode == 0:
            break
        if attempt == attempts:
            raise SystemExit(f"lighthouse failed {attempts} times on {url} (exit {done.returncode})")
        print(f"lighthouse failed on {url} (exit {done.returncode}); running it again", flush=True)
    report = json.loads(out.read_text(encoding="utf-8"))
    result = {key: report["audits"][name]["numericValue"] for key, name in AUDITS.items()}
    result["score"] = report["categories"]["performance"]["score"]
    return result


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=5)
    parser.add_argument("--lighthouse", type=Path, help="folder to install lighthouse into (kept)")
    args = parser.parse_args()
    if shutil.which("npm") is None or not Path(CHROMIUM).exists():
        print(f"first_screen: needs npm and Chromium at {CHROMIUM} (Debian: apt-get install chromium npm)")
        return 2
    temporary = None if args.lighthouse else tempfile.TemporaryDirectory(prefix="lighthouse-")
    folder = args.lighthouse or Path(temporary.name)
    folder.mkdir(parents=True, exist_ok=True)
    lighthouse = install_lighthouse(folder)
    results: dict[str, list[dict]] = {"ours": [], "minimal": []}
    try:
        with serve("ours", gunicorn_workers=2) as ours, serve("minimal", gunicorn_workers=2) as minimal:
            urls = {"ours": ours + "/", "minimal": minimal + "/"}
            for url in urls.values():  # warm each server once, unmeasured
                audit(lighthouse, url, folder / "warm.json")
            for run in range(args.runs):
                for name, url in urls.items():
                    results[name].append(audit(lighthouse, url, folder / f"{name}-{run}.json"))
    finally:
        if temporary:
            temporary.cleanup()
    rows = []
    summary = {}
    for name, runs in results.items():
        summary[name] = {
            key: median([r[key] for r in runs]) for key in ("tbt", "tti", "cls", "work", "score")
        }
        s = summary[name]
        rows.append(
            [
                name,
                f"{s['score']:.2f}",
                f"{s['tbt']:.0f}",
                f"{s['tti']:.0f}",
                f"{s['work']:.0f}",
                f"{s['cls']:.3f}",
            ]
        )
    print_table(
        ["app", "score", "total blocking ms", "interactive ms", "main-thread ms", "layout shift"], rows
    )
    ratio = summary["ours"]["tbt"] / max(summary["minimal"]["tbt"], 1.0)
    ok = ratio <= TARGET_TBT and summary["ours"]["cls"] <= TARGET_SHIFT
    print(
        f"first screen: total blocking time {ratio:.2f}x the minimal app's, layout shift "
        f"{summary['ours']['cls']:.3f} ({'meets' if ok else 'MISSES'} the {TARGET_TBT}x / {TARGET_SHIFT} "
        f"targets; Lighthouse desktop, no throttling, median of {args.runs} alternating runs)"
    )
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
