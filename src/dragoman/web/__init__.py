"""The dashboard: server-rendered pages, their templates and static files (no CDN).

``static/vendor/`` holds the vendored third-party files with their licences: Apache ECharts
(the charts) and Swagger UI (``/docs``); see ``static/vendor/README.md``.
"""

from __future__ import annotations

from dragoman.web.pages import install_dashboard

__all__ = ["install_dashboard"]
