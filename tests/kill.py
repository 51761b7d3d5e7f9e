"""Start a writer process, let it run a random while, then SIGKILL it: for crash tests."""

from __future__ import annotations

import random
import signal
import subprocess
import sys


def run_then_kill(args: list[str], env: dict[str, str], rng: random.Random,
                  low: float, high: float) -> tuple[list[str], list[str]]:
    """(words of the child's first line, which must start with "ready"; its later lines)."""
    child = subprocess.Popen([sys.executable, *args], stdout=subprocess.PIPE,
                             stderr=subprocess.PIPE, text=True, env=env)
    assert child.stdout is not None
    ready = child.stdout.readline().split()
    assert ready and ready[0] == "ready", child.stderr.read() if child.stderr else ready
    try:
        child.wait(timeout=rng.uniform(low, high))
    except subprocess.TimeoutExpired:
        pass
    assert child.poll() is None, "the writer stopped by itself before the kill"
    child.send_signal(signal.SIGKILL)
    child.wait()
    # Read the rest through the same buffered stream as `ready`: its readline may already
    # hold the next lines (a loaded machine prints several before the parent reads), and
    # communicate() reads the pipe underneath that buffer, so they were lost (seen in CI:
    # the first two chunks reported were missing, and the check counted them unreported).
    out = child.stdout.read()
    if child.stderr is not None:
        child.stderr.read()
        child.stderr.close()
    child.stdout.close()
    return ready, [line for line in out.splitlines() if line.strip()]
