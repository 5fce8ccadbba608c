"""The synchronous twin in a few lines: remember, recall, context, profile, history, forget.

Run:  SPECTRON_URL=http://127.0.0.1:9090 SPECTRON_API_KEY=spk_... \\
      python3 examples/quickstart_sync.py
"""

from __future__ import annotations

import os
import sys
import uuid

sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), ".."))

from spectron import NotFoundError, SyncSpectronClient  # noqa: E402

client = SyncSpectronClient(base_url=os.environ.get("SPECTRON_URL", "http://127.0.0.1:9090"),
                            api_key=os.environ.get("SPECTRON_API_KEY"))
user = "quickstart-" + uuid.uuid4().hex[:8]
scope = {"user": user}

with client.sessions.create(scope=scope, metadata={"channel": "cli"}) as session:
    session.turn(role="user", content="I prefer vegetarian food.", metadata={"msgId": 1})
    session.turn(role="assistant", content="Noted, I will suggest vegetarian dishes.")
    hit = session.recall("What are my food preferences?", top_k=5).hits[0]
    print("top hit:", hit.text, "| cites turn", hit.source.turn_id, hit.source.metadata)

    session.remember("I eat fish now.")
    print("context:", session.context("What should I cook tonight?").formatted)
    print("unrelated context is empty:",
          session.context("What's the capital of France?").formatted == "")
    print("profile:", session.profile().summary)

for fact in client.history("person/" + user, "food_preference", scope=scope):
    print("history:", fact.value, fact.status)

print("forgotten:", client.forget(scope).forgotten)
try:
    client.sessions.open(session.id)
except NotFoundError as error:
    print("session gone:", error.status, error.code)
