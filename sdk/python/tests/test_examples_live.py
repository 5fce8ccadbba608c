"""Run each example (and the seed snippet exactly as printed) as a subprocess against the live
server and check it exits 0 and prints what the guide promises."""

from __future__ import annotations

import os
import subprocess
import sys
import textwrap
import unittest

import _support as support
from _support import unique

EXAMPLES = os.path.join(support.SDK_DIR, "examples")


def setUpModule() -> None:
    support.require_live_server()


def run(args, extra_env=None, cwd=None) -> subprocess.CompletedProcess:
    env = dict(os.environ)
    env["SPECTRON_URL"] = support.URL
    env["SPECTRON_API_KEY"] = support.API_KEY
    env.update(extra_env or {})
    return subprocess.run([sys.executable] + args, env=env, cwd=cwd or support.SDK_DIR,
                          stdout=subprocess.PIPE, stderr=subprocess.PIPE,
                          universal_newlines=True, timeout=300)


class ExamplesTest(unittest.TestCase):
    def check(self, done: subprocess.CompletedProcess) -> str:
        self.assertEqual(done.returncode, 0, "stdout:\n%s\nstderr:\n%s"
                         % (done.stdout, done.stderr))
        return done.stdout

    def test_seed_migrate_from_mem0(self) -> None:
        out = self.check(run([os.path.join(EXAMPLES, "seed_migrate_from_mem0.py")]))
        first = out.split("== Dual write ==")[0]
        self.assertIn("Recalled memories:", first)
        self.assertIn("food preference: vegetarian", first)
        # What Alice loves comes first, as the turn that says it or as the fact read from it.
        recalled = out.split("spectron:")[1].split("== Replay")[0].strip().splitlines()
        self.assertEqual(recalled[0], "Recalled memories:")
        self.assertIn("hiking", recalled[1])
        self.assertIn("replayed 2 memories", out)
        profile = [line for line in out.splitlines() if line.startswith("profile:")][0]
        self.assertIn("vegetarian", profile)
        self.assertIn("Lisbon", profile)

    def test_seed_minimal_integration(self) -> None:
        user = unique("minimal")
        out = self.check(run([os.path.join(EXAMPLES, "seed_minimal_integration.py")],
                             {"EXAMPLE_USER_ID": user}))
        calls = out.split("----- LLM call -----")
        # Each call block prints "[user]" followed by the question.
        by_question = {c.split("[user]\n", 1)[1].splitlines()[0]: c for c in calls[1:]}
        cook = by_question["What should I cook tonight? Something with the food I prefer."]
        self.assertIn("## Relevant context", cook)
        self.assertIn("vegetarian", cook)
        self.assertIn("prompt unchanged by Spectron: False", cook)
        hours = by_question["When are your support hours?"]
        self.assertIn("9 to 5", hours.split("[user]")[0])
        france = by_question["What's the capital of France?"]
        self.assertNotIn("## Relevant context", france)
        self.assertIn("prompt unchanged by Spectron: True", france)
        self.assertNotIn("## Relevant context", by_question["Any dinner ideas?"])
        self.assertIn("## Relevant context", by_question["Any vegetarian dinner ideas?"])
        about = out.split("== Profile injection at session start ==")[1]
        self.assertIn("## About this user", about)
        self.assertIn("vegetarian", about)

    def test_quickstart_sync(self) -> None:
        out = self.check(run([os.path.join(EXAMPLES, "quickstart_sync.py")]))
        self.assertIn("food preference: vegetarian", out)
        self.assertIn("unrelated context is empty: True", out)
        self.assertIn("history: fish current", out)
        self.assertIn("history: vegetarian superseded", out)
        self.assertIn("session gone: 404 not_found", out)

    def test_seed_snippet_runs_unchanged_with_literal_ellipsis(self) -> None:
        # The guide's snippet character for character, `base_url=..., api_key=...` included:
        # the client reads SPECTRON_URL / SPECTRON_API_KEY when given `...`.
        user = unique("alice")
        snippet = textwrap.dedent('''\
            from spectron import SpectronClient

            client = SpectronClient(base_url=..., api_key=...)

            async with client.sessions.create(scope={"user": "alice"}) as session:
                await session.remember("I prefer vegetarian food.")
                results = await session.recall("What are Alice's food preferences?", top_k=5)
                print(results.formatted)
            ''').replace('"alice"', '"%s"' % user)
        body = textwrap.indent(snippet, "    ")
        program = "import asyncio\n\nasync def main():\n%s\nasyncio.run(main())\n" % body
        done = run(["-c", program], {"PYTHONPATH": support.SDK_DIR})
        out = self.check(done)
        self.assertIn("vegetarian", out)
        self.assertIn(user, out)


if __name__ == "__main__":
    unittest.main()
