"""Shared helpers of the SDK tests.

The live tests talk to a running Spectron server named by two environment variables:

    SPECTRON_URL       e.g. http://127.0.0.1:9311
    SPECTRON_API_KEY   a data key of the context ``default`` (``apiKey`` of credentials.json)

Optional: SPECTRON_MANAGEMENT_KEY (``managementKey``) enables the tests that mint
floor-scoped and reader keys. Without SPECTRON_URL/SPECTRON_API_KEY every live module is
skipped with a message; the offline tests always run.
"""

from __future__ import annotations

import json
import os
import sys
import unittest
import urllib.request
import uuid
from typing import Any, Dict, Optional

SDK_DIR = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
if SDK_DIR not in sys.path:
    sys.path.insert(0, SDK_DIR)

URL = os.environ.get("SPECTRON_URL", "").strip()
API_KEY = os.environ.get("SPECTRON_API_KEY", "").strip()
MANAGEMENT_KEY = os.environ.get("SPECTRON_MANAGEMENT_KEY", "").strip()
CONTEXT = os.environ.get("SPECTRON_CONTEXT", "").strip() or "default"


def require_live_server() -> None:
    """Call from ``setUpModule``: skip the module unless a live server is configured."""
    if not URL or not API_KEY:
        raise unittest.SkipTest(
            "live Spectron tests skipped: set SPECTRON_URL and SPECTRON_API_KEY (start a server "
            "with `./spectron serve --port 9311 --data /tmp/pysdk-data` and take `apiKey` from "
            "/tmp/pysdk-data/credentials.json)")


def unique(prefix: str = "t") -> str:
    """A scope value no other test (or earlier run) uses."""
    return "%s-%s" % (prefix, uuid.uuid4().hex[:12])


def user_scope(prefix: str = "user") -> Dict[str, str]:
    return {"user": unique(prefix)}


def mint_key(role: str = "agent", floor: Optional[Dict[str, str]] = None) -> str:
    """Create a data key through the management API (needs SPECTRON_MANAGEMENT_KEY)."""
    if not MANAGEMENT_KEY:
        raise unittest.SkipTest("needs SPECTRON_MANAGEMENT_KEY (managementKey of "
                                "credentials.json)")
    body: Dict[str, Any] = {"role": role}
    if floor is not None:
        body["floor"] = floor
    request = urllib.request.Request(
        URL.rstrip("/") + "/api/v1/contexts/%s/keys" % CONTEXT,
        data=json.dumps(body).encode("utf-8"), method="POST",
        headers={"Authorization": "Bearer " + MANAGEMENT_KEY,
                 "Content-Type": "application/json"})
    opener = urllib.request.build_opener(urllib.request.ProxyHandler({}))
    with opener.open(request, timeout=30) as response:
        return json.loads(response.read().decode("utf-8"))["key"]
