"""Seed 003 — "Migrate from Mem0", the Python parts as a runnable program.

The Spectron code below is the guide's, unchanged (only ``base_url``/``api_key`` are filled in
from ``SPECTRON_URL``/``SPECTRON_API_KEY``). Mem0 itself is not part of Spectron and is not
installed: where the guide calls Mem0 (``m.add``, ``m.search``, ``m.get_all``), this program
uses :class:`Mem0StandIn`, a few lines that keep memories in a list.

Run:  SPECTRON_URL=http://127.0.0.1:9090 SPECTRON_API_KEY=spk_... \\
      python3 examples/seed_migrate_from_mem0.py
"""

from __future__ import annotations

import asyncio
import os
import sys

sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), ".."))

from spectron import SpectronClient  # noqa: E402

# --- harness ------------------------------------------------------------------------------

BASE_URL = os.environ.get("SPECTRON_URL", "http://127.0.0.1:9090")
API_KEY = os.environ.get("SPECTRON_API_KEY")


class Mem0StandIn:
    """NOT Mem0 and not Spectron: an in-process stand-in for ``mem0.Memory`` with the three
    calls the guide uses, so the dual-write and replay code can run without Mem0."""

    def __init__(self) -> None:
        self._memories = []

    def add(self, content: str, user_id: str) -> None:
        self._memories.append({"memory": content, "user_id": user_id})

    def search(self, query: str, user_id: str) -> dict:
        words = set(query.lower().split())
        hits = [m for m in self._memories if m["user_id"] == user_id
                and words & set(m["memory"].lower().rstrip(".").split())]
        return {"results": hits}

    def get_all(self, user_id: str) -> list:
        return [m for m in self._memories if m["user_id"] == user_id]


# --- Dual-write adapter (the guide's code) ------------------------------------------------

class MemoryAdapter:
    def __init__(self, mem0_client, spectron_client):
        self.mem0 = mem0_client
        self.spectron = spectron_client

    async def add(self, content: str, user_id: str):
        # Write to both
        self.mem0.add(content, user_id=user_id)
        async with self.spectron.sessions.create(scope={"user": user_id}) as s:
            await s.remember(content)

    async def search(self, query: str, user_id: str, use_spectron: bool = False):
        if use_spectron:
            async with self.spectron.sessions.create(scope={"user": user_id}) as s:
                return await s.recall(query, top_k=5)
        return self.mem0.search(query, user_id=user_id)


async def main() -> None:
    print("== Spectron equivalent of Mem0 add/search ==")
    from spectron import SpectronClient

    client = SpectronClient(base_url=BASE_URL, api_key=API_KEY)

    async with client.sessions.create(scope={"user": "alice"}) as session:
        await session.remember("I prefer vegetarian food.")
        results = await session.recall("What are Alice's food preferences?", top_k=5)
        print(results.formatted)

    print("== Dual write ==")
    m = Mem0StandIn()  # stands in for: from mem0 import Memory; m = Memory()
    m.add("I prefer vegetarian food.", user_id="alice")
    adapter = MemoryAdapter(m, client)
    await adapter.add("I love hiking.", user_id="alice")
    print("mem0 stand-in:", await adapter.search("hiking", user_id="alice"))
    spectron_results = await adapter.search("What does Alice love?", user_id="alice",
                                            use_spectron=True)
    print("spectron:")
    print(spectron_results.formatted)

    print("== Replay existing Mem0 memories into Spectron ==")
    existing_memories = m.get_all(user_id="alice")

    async with client.sessions.create(scope={"user": "alice"}) as session:
        for memory in existing_memories:
            await session.remember(memory["memory"])
    print("replayed %d memories" % len(existing_memories))

    print("== One-shot add without a long-lived session ==")
    user_id, content = "alice", "I live in Lisbon."
    # One-shot add without a long-lived session
    async with client.sessions.create(scope={"user": user_id}) as session:
        await session.add_turn(role="user", content=content)
        # Session closes automatically; memory is extracted and persisted

    profile = await client.profile(scope={"user": "alice"})
    print("profile:", profile.summary)


if __name__ == "__main__":
    asyncio.run(main())
