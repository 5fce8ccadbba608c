"""Where the client finds its server URL and key when they are not passed explicitly."""

from __future__ import annotations

import json
import os
from typing import Any, Optional, Tuple

from ._transport import DEFAULT_BASE_URL

__all__ = ["resolve_settings", "settings_from_environment"]


def _env(name: str) -> Optional[str]:
    value = os.environ.get(name)
    if value is None or not value.strip():
        return None
    return value.strip()


def _given(value: Any) -> bool:
    # ``...`` is what the documentation's snippets write for "fill this in".
    return value is not None and value is not Ellipsis


def resolve_settings(base_url: Any, api_key: Any) -> Tuple[str, Optional[str]]:
    """``base_url``/``api_key`` as given; when left out (``None`` or ``...``), from
    ``SPECTRON_URL`` (default ``http://127.0.0.1:9090``) and ``SPECTRON_API_KEY``."""
    url = base_url if _given(base_url) else (_env("SPECTRON_URL") or DEFAULT_BASE_URL)
    key = api_key if _given(api_key) else _env("SPECTRON_API_KEY")
    if key is not None and not isinstance(key, str):
        raise TypeError("api_key must be a string")
    return url, key


def settings_from_environment() -> Tuple[str, Optional[str], str]:
    """URL, key and context the way the CLI finds them: environment variables first, then the
    credentials file a server writes on first start."""
    url = _env("SPECTRON_URL") or DEFAULT_BASE_URL
    key = _env("SPECTRON_API_KEY")
    context = _env("SPECTRON_CONTEXT")
    if key is None:
        data = _env("SPECTRON_DATA") or os.path.join(os.path.expanduser("~"), ".spectron")
        path = os.path.join(data, "credentials.json")
        if os.path.isfile(path):
            with open(path, encoding="utf-8") as f:
                credentials = json.load(f)
            if isinstance(credentials, dict):
                key = credentials.get("apiKey") or None
                context = context or credentials.get("context") or None
    return url, key, context or "default"
