#!/usr/bin/env bash
# Known vulnerabilities in the locked dependencies (requirements.lock), with pip-audit.
#
# pip-audit runs in its own venv (.venv-audit) so that it never changes the project's.
# It reads the pins of requirements.lock (hashed, so nothing is installed) and asks PyPI's
# vulnerability data about each. Exit: 1 when a vulnerability is found; 0 otherwise, also when
# the vulnerability service cannot be reached (the report says so, loudly, and the build goes on).
set -uo pipefail
cd "$(dirname "$0")/.."
AUDIT_VENV=.venv-audit
REPORT=${AUDIT_REPORT:-audit-report.json}
PIP_AUDIT_VERSION=2.10.1

if [ ! -x "$AUDIT_VENV/bin/pip-audit" ]; then
    python3 -m venv "$AUDIT_VENV" >/dev/null 2>&1 \
        && "$AUDIT_VENV/bin/python" -m pip install -q "pip-audit==$PIP_AUDIT_VERSION" >/dev/null 2>&1
fi
if [ ! -x "$AUDIT_VENV/bin/pip-audit" ]; then
    echo "audit: NOT RUN - pip-audit $PIP_AUDIT_VERSION could not be installed (no package index?)"
    exit 0
fi

"$AUDIT_VENV/bin/pip-audit" -r requirements.lock --require-hashes --no-deps --disable-pip \
    --progress-spinner off --format json --output "$REPORT" 2>audit-errors.log
status=$?
"$AUDIT_VENV/bin/python" - "$REPORT" "$status" <<'PY'
import json
import sys
from pathlib import Path

report_path, status = Path(sys.argv[1]), int(sys.argv[2])
errors = Path("audit-errors.log").read_text(errors="replace").strip()
if not report_path.is_file():
    print("audit: NOT RUN - pip-audit could not reach its vulnerability service")
    print("\n".join(errors.splitlines()[-5:]))
    sys.exit(0)
deps = json.loads(report_path.read_text())["dependencies"]
audited = [d for d in deps if "skip_reason" not in d]
skipped = [d for d in deps if "skip_reason" in d]
vulnerable = [d for d in audited if d.get("vulns")]
print(f"audit: {len(audited)} of {len(deps)} locked packages checked, {len(vulnerable)} vulnerable")
for d in vulnerable:
    ids = ", ".join(v["id"] + (f" (fixed in {', '.join(v['fix_versions'])})" if v.get("fix_versions") else "") for v in d["vulns"])
    print(f"  {d['name']} {d['version']}: {ids}")
if skipped:
    print(f"audit: WARNING - {len(skipped)} package(s) NOT checked: the vulnerability service "
          f"did not answer for them (first reason: {skipped[0]['skip_reason']})")
sys.exit(1 if vulnerable else 0)
PY
