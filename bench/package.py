"""Packaged app: bundle size and cold start (launch to window), as IT will see them.

    .venv/bin/python bench/package.py [--bundle dist/casenotes] [--runs 5]

Build the bundle first with `make package`. Start-up is timed from spawning the program to
the window being on screen (`casenotes gui --check` prints when it is shown, then closes).
"Cold" runs drop the kernel's page cache first (needs root; skipped otherwise), as after a
reboot; "warm" runs follow another start. Each is timed on the first-run set-up page (no
vault yet) and on the unlock page (a vault exists), offscreen and, where Xvfb is installed,
on a real X server.
"""

from __future__ import annotations

import argparse
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def folder_size(folder: Path) -> int:
    return sum(p.stat().st_size for p in folder.rglob("*") if p.is_file() and not p.is_symlink())


def drop_caches() -> bool:
    try:
        os.sync()
        Path("/proc/sys/vm/drop_caches").write_text("3\n")
        return True
    except OSError:
        return False


def launch_to_window(program: Path, env: dict[str, str]) -> float:
    started = time.perf_counter()
    process = subprocess.Popen([str(program), "gui", "--check"], env=env,
                               stdout=subprocess.PIPE, stderr=subprocess.DEVNULL, text=True)
    assert process.stdout is not None
    for line in process.stdout:
        if "window shown" in line:
            elapsed = time.perf_counter() - started
            break
    else:
        raise SystemExit(f"the window never showed (exit {process.wait()})")
    process.wait(30)
    return elapsed


def start_xvfb() -> tuple[subprocess.Popen[bytes] | None, str]:
    if not shutil.which("Xvfb"):
        return None, ""
    display = ":87"
    server = subprocess.Popen(["Xvfb", display, "-screen", "0", "1366x768x24", "-nolisten",
                               "tcp"], stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    time.sleep(1.0)
    return server, display


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--bundle", type=Path, default=ROOT / "dist" / "casenotes")
    parser.add_argument("--runs", type=int, default=5)
    args = parser.parse_args()
    program = args.bundle / "casenotes"
    if not program.is_file():
        print(f"No bundle at {args.bundle}: run 'make package' first.", file=sys.stderr)
        return 2
    total = folder_size(args.bundle)
    models = folder_size(args.bundle / "_internal" / "models")
    qt = folder_size(args.bundle / "_internal" / "PySide6")
    mib = 1024 * 1024
    print(f"machine: {os.cpu_count()} cores")
    print(f"bundle: {total / mib:.0f} MiB ({models / mib:.0f} MiB models, {qt / mib:.0f} MiB "
          f"Qt, {(total - models - qt) / mib:.0f} MiB the rest)")

    server, display = start_xvfb()
    platforms = [("offscreen", {"QT_QPA_PLATFORM": "offscreen"})]
    if server:
        platforms.append(("X11 (Xvfb)", {"QT_QPA_PLATFORM": "xcb", "DISPLAY": display}))
    try:
        with tempfile.TemporaryDirectory() as scratch:
            data = Path(scratch) / "data"
            base_env = {**os.environ, "CASENOTES_DATA_DIR": str(data), "HOME": scratch}
            for page in ("set-up page (first run)", "unlock page (vault exists)"):
                if page.startswith("unlock"):
                    subprocess.run([str(program), "init", "--no-keyring", "--name", "Bench"],
                                   env={**base_env, "CASENOTES_PASSPHRASE": "bench passphrase"},
                                   check=True, capture_output=True)
                for name, extra in platforms:
                    env = {**base_env, **extra}
                    cold = launch_to_window(program, env) if drop_caches() else None
                    warm = [launch_to_window(program, env) for _ in range(args.runs)]
                    cold_text = f"cold {cold:.2f} s, " if cold is not None else "cold n/a, "
                    print(f"{page}, {name}: {cold_text}warm median "
                          f"{statistics.median(warm):.2f} s (min {min(warm):.2f}, max "
                          f"{max(warm):.2f}, {args.runs} runs)")
    finally:
        if server:
            server.terminate()
            server.wait(10)
    return 0


if __name__ == "__main__":
    sys.exit(main())
