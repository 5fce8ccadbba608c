"""Tests of the Spectron Python SDK (``python3 -m unittest discover -s sdk/python/tests``).

Also importable as the package ``tests`` (``discover -s tests -t .`` from ``sdk/python``): the
test modules import their helpers as the top-level module ``_support``, so this directory goes
on ``sys.path`` either way.
"""

import os
import sys

_HERE = os.path.dirname(os.path.abspath(__file__))
if _HERE not in sys.path:
    sys.path.insert(0, _HERE)
