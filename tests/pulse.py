"""A real PulseAudio server whose default microphone is a pipe: a virtual microphone.

`module-pipe-source` reads raw PCM (16 kHz mono s16le) from a FIFO and offers it as an
ordinary capture device, so the app records through QtMultimedia exactly as from a laptop's
microphone. The server runs on a private socket in a temporary folder, is started once per
test session and stopped after it; `make test` installs pulseaudio.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import threading
import time
from pathlib import Path

import numpy as np

RATE = 16000


class VirtualMicrophone:
    def __init__(self, folder: Path) -> None:
        self.folder = folder
        self.fifo = folder / "virtmic"
        self.socket = folder / "native"
        self.process: subprocess.Popen[bytes] | None = None
        self._writer: threading.Thread | None = None
        self._fd: int | None = None

    @property
    def env(self) -> dict[str, str]:
        # The cookie a desktop session already has: without one, libpulse in each client
        # makes ~/.config/pulse/cookie in that client's home.
        return {"PULSE_SERVER": f"unix:{self.socket}", "PULSE_COOKIE": str(self.cookie)}

    @property
    def cookie(self) -> Path:
        return self.folder / "cookie"

    def start(self) -> None:
        if not shutil.which("pulseaudio"):
            raise RuntimeError("pulseaudio is missing: run 'make test', which installs it")
        self.cookie.write_bytes(os.urandom(256))
        config = self.folder / "default.pa"
        config.write_text(
            f"load-module module-native-protocol-unix socket={self.socket} auth-anonymous=1\n"
            f"load-module module-pipe-source source_name=virtmic file={self.fifo} "
            f"format=s16le rate={RATE} channels=1\n"
            "load-module module-null-sink sink_name=silence\n"
            "set-default-source virtmic\n")
        home = self.folder / "home"
        runtime = self.folder / "runtime"
        for d in (home, runtime):
            d.mkdir(exist_ok=True, mode=0o700)
        env = {**os.environ, "HOME": str(home), "XDG_RUNTIME_DIR": str(runtime),
               "XDG_CONFIG_HOME": str(home / ".config")}
        self.process = subprocess.Popen(
            ["pulseaudio", "-n", "--daemonize=no", "--exit-idle-time=-1", "--disallow-exit",
             "--use-pid-file=no", "--log-target=stderr", "--log-level=error", "-F",
             str(config)], env=env, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
        deadline = time.monotonic() + 15
        while not (self.socket.exists() and self.fifo.exists()):
            if self.process.poll() is not None or time.monotonic() > deadline:
                err = self.process.stderr.read().decode()[-400:] if self.process.stderr else ""
                self.stop()
                raise RuntimeError(f"PulseAudio did not start: {err}")
            time.sleep(0.05)
        # Hold the FIFO open for writing so the source never sees end-of-file between feeds.
        # Non-blocking: when no one is recording, PulseAudio stops reading the pipe, and the
        # sound is simply lost, as in a room where no one is recording.
        self._fd = os.open(self.fifo, os.O_RDWR | os.O_NONBLOCK)

    def play(self, samples: np.ndarray, *, speed: float = 1.0, block: float = 0.05) -> None:
        """Write int16 samples into the microphone at `speed` x real time, in the background."""
        data = np.asarray(samples, dtype=np.int16).tobytes()
        step = int(RATE * block) * 2

        def write() -> None:
            started = time.monotonic()
            for n, offset in enumerate(range(0, len(data), step)):
                assert self._fd is not None
                try:
                    os.write(self._fd, data[offset:offset + step])
                except BlockingIOError:
                    pass
                wait = started + (n + 1) * block / speed - time.monotonic()
                if wait > 0:
                    time.sleep(wait)

        self._writer = threading.Thread(target=write, daemon=True)
        self._writer.start()

    def wait(self, timeout: float | None = None) -> None:
        if self._writer:
            self._writer.join(timeout)

    def stop(self) -> None:
        if self._fd is not None:
            os.close(self._fd)
            self._fd = None
        if self.process and self.process.poll() is None:
            self.process.terminate()
            try:
                self.process.wait(10)
            except subprocess.TimeoutExpired:
                self.process.kill()
