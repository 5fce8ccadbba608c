"""Seed 000 — "Introduce turns without replacing your LLM client", as a runnable program.

The Spectron calls below are the guide's code, unchanged. Around them sits a small harness:

* ``BASE_URL``/``API_KEY``/``CONTEXT`` come from the environment (``SPECTRON_URL``,
  ``SPECTRON_API_KEY``, ``SPECTRON_CONTEXT``), ``user_id`` from ``EXAMPLE_USER_ID``;
* ``your_existing_system_prompt()`` and ``your_existing_llm_call(...)`` are stand-ins for the
  application's own code: the "LLM" prints the system prompt it receives and answers with a
  canned sentence, so you can see exactly what Spectron added to the prompt;
* two code blocks of the guide did not survive in the seed text (step 1 of the minimal
  integration and the wrapper of "Intercepting existing LLM calls"); they are reconstructed
  from the surrounding prose and marked as such.

Run:  SPECTRON_URL=http://127.0.0.1:9090 SPECTRON_API_KEY=spk_... \\
      python3 examples/seed_minimal_integration.py
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
CONTEXT = os.environ.get("SPECTRON_CONTEXT", "default")
user_id = os.environ.get("EXAMPLE_USER_ID", "alice")


def your_existing_system_prompt() -> str:
    """Stand-in for the application's system prompt."""
    return "You are a friendly cooking assistant."


def your_existing_llm_call(system: str, user: str) -> str:
    """Stand-in for the application's LLM call: shows the prompt, answers with a canned line."""
    print("----- LLM call -----")
    print("[system]")
    print(system)
    print("[user]")
    print(user)
    return "(canned answer of the stand-in model)"


client = SpectronClient(base_url=BASE_URL, api_key=API_KEY)
memory = client.memory(CONTEXT)


# --- The minimal integration (the guide's steps 1–4) ----------------------------------------

async def answer(session, user_message: str) -> str:
    # 1. Retrieve relevant context (reconstructed: this line is missing from the seed text)
    ctx = await session.context(user_message)

    # 2. Inject into your existing system prompt
    system = your_existing_system_prompt()
    if ctx.formatted:
        system = f"{system}\n\n## Relevant context\n{ctx.formatted}"

    # 3. Your existing LLM call – unchanged
    response = your_existing_llm_call(system=system, user=user_message)

    # 4. Record the exchange
    await session.turn(role="user", content=user_message)
    await session.turn(role="assistant", content=response)
    print("prompt unchanged by Spectron: %s" % (system == your_existing_system_prompt()))
    return response


# --- Intercepting existing LLM calls (reconstructed: the seed keeps only the prose) ---------

async def call_llm(system: str, user_message: str, session_id: str = None) -> str:
    """The application's LLM wrapper; ``session_id`` is optional, so existing call sites that
    pass no session keep working exactly as before."""
    if session_id is None:
        return your_existing_llm_call(system=system, user=user_message)
    session = await memory.sessions.open(session_id)
    ctx = await session.context(user_message)
    if ctx.formatted:
        system = f"{system}\n\n## Relevant context\n{ctx.formatted}"
    response = your_existing_llm_call(system=system, user=user_message)
    await session.turn(role="user", content=user_message)
    await session.turn(role="assistant", content=response)
    return response


async def main() -> None:
    print("== Phase 1: single scope, all conversations share it ==")
    # Phase 1: single scope, all conversations share it
    DEFAULT_SCOPE = {"org": "my-app"}
    session = await memory.sessions.create(scope=DEFAULT_SCOPE)
    await answer(session, "Our support hours are 9 to 5.")
    await session.close()

    print("== Expanding to multi-user ==")
    # Before
    session = await memory.sessions.create(scope={"org": "my-app"})
    await session.close()
    # After
    session = await memory.sessions.create(scope={"org": "my-app", "user": user_id})
    await answer(session, "I prefer vegetarian food.")
    await answer(session, "What should I cook tonight? Something with the food I prefer.")
    # Org-wide memory stays visible at the user scope (scope floor matching).
    await answer(session, "When are your support hours?")
    # Nothing relevant stored: the prompt is byte-identical to the one without Spectron.
    await answer(session, "What's the capital of France?")

    print("== Intercepting existing LLM calls ==")
    await call_llm(your_existing_system_prompt(), "Any dinner ideas?")  # no session: as before
    await call_llm(your_existing_system_prompt(), "Any vegetarian dinner ideas?",
                   session_id=session.id)
    await session.close()

    print("== Profile injection at session start ==")
    profile = await memory.profile(scope={"org": "my-app", "user": user_id})
    system = your_existing_system_prompt()
    if profile.summary:
        system = f"{system}\n\n## About this user\n{profile.summary}"
    print(system)


if __name__ == "__main__":
    asyncio.run(main())
