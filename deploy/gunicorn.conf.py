"""gunicorn settings for one app server of the dashboard (nginx in front: deploy/nginx-site.conf).

    .venv/bin/gunicorn -c deploy/gunicorn.conf.py --bind 127.0.0.1:8001 'app.wsgi:server'

Each setting says why; the README's "Serving in production" has the measurements behind them.
$SRI_WORKERS and $SRI_THREADS override the worker and thread counts.
"""

import os

# gthread, not sync: an export request waits for the export pool (app/export/pool.py) on one
# thread while the worker's other threads go on serving pages. With sync workers every waiting
# export held a whole worker, and two decks took the site down.
worker_class = "gthread"
workers = int(os.environ.get("SRI_WORKERS", "2"))  # about one per core: the work is CPU-bound
threads = int(os.environ.get("SRI_THREADS", "8"))  # the export pool holds at most 3 of them

# gthread's timeout is the worker's heartbeat, not a request's length: a busy worker stays alive
# (exports have their own 60 s limit in the pool); a hung one is replaced.
timeout = 30
graceful_timeout = 30
keepalive = 5  # nginx keeps connections to us open (upstream keepalive)

# Requests larger than any the dashboard makes are refused by gunicorn itself (nginx adds the
# security headers to those answers). A shared view fits easily in 8 kB of URL.
limit_request_line = 8190
limit_request_fields = 50
limit_request_field_size = 8190

# Replace each worker after this many requests (jittered so they do not restart together):
# bounds memory that slow leaks or fragmentation might hold.
max_requests = 5000
max_requests_jitter = 500

# Only nginx on this machine may say who the client is.
forwarded_allow_ips = "127.0.0.1"
# Several app servers may run on one machine: no shared control socket between them.
control_socket_disable = True

accesslog = "-"
errorlog = "-"
loglevel = "info"
logconfig_dict = {
    "loggers": {  # the app's own lines: refused requests (one line each) and bugs (with traceback)
        "app": {"level": "INFO", "handlers": ["error_console"], "propagate": False},
        "loaders": {"level": "INFO", "handlers": ["error_console"], "propagate": False},
    }
}


def _exports(worker):
    extensions = getattr(worker.wsgi, "extensions", {})
    return extensions.get("sri_exports")


def post_worker_init(worker):
    """Start this worker's export process now, not on the first visitor's download."""
    exports = _exports(worker)
    if exports is not None:
        exports.pool.warm()


def worker_exit(server, worker):
    """Stop this worker's export processes with it."""
    exports = _exports(worker)
    if exports is not None:
        exports.pool.shutdown()
