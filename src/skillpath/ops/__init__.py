"""Watching a running Skillpath: health probes (`/health/live`, `/health/ready`), Prometheus
metrics (`/metrics`), request ids and the access log (docs/operations.md, "Watching it").

No models: this app reads the other apps through their selectors and owns no data.
"""
