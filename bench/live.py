"""Live benchmark: a long recording fed as a microphone would, then Stop; with a capable model,
drafting during the recording too.

The recording is dev conversations (synthesised with the shared espeak-ng tool; cached in the
temp folder), the bundled sample and the test fixture, one after another until it lasts
`--minutes`. A feeder thread delivers it in 100 ms blocks at `--speed` x real time into a
`RecordingSession` over a real vault (FLAC chunks committed every 3 s; the live transcriber
on this thread, Whisper base with the app's settings). With `--llm` (a capable model such as
qwen2.5-1.5b) the session's drafting thread reads finished stretches while the recording goes
on, as in the app. Printed: Stop to the complete stored transcript; Stop to the stored draft;
how far transcription lagged; peak memory (RSS) with Whisper and the model loaded; the longest
stall of a 5 ms heartbeat thread (what a Qt event loop on the main thread would feel: the GIL
held by other threads); and the WER beside transcribing the same audio as one file.

    .venv/bin/python bench/live.py [--speed 1] [--minutes 30] [--llm qwen2.5-1.5b] [--no-file]
"""

from __future__ import annotations

import argparse
import json
import os
import resource
import sys
import tempfile
import threading
import time
from pathlib import Path

import numpy as np

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from app.casework import Casework  # noqa: E402
from app.recording import RecordingSession  # noqa: E402
from app.services import Services, TranscriptionCompleted, run_to_completion  # noqa: E402
from app.settings import Settings  # noqa: E402
from bench.devspeech import dev_records, spoken  # noqa: E402
from storage.records import Consent  # noqa: E402
from summarise.drafter import DraftCompleted  # noqa: E402
from transcription.audio import SAMPLE_RATE, decode_audio  # noqa: E402
from transcription.wer import word_error_rate  # noqa: E402


def parts(minutes: float) -> list[tuple[np.ndarray, list[str]]]:
    """(audio, reference texts) pieces, one after another, lasting at least `minutes`. Up to
    the default 10 minutes, the recording the earlier figures were made on (11.1 min: sc-dev-01
    to -03, the sample, the test fixture, sc-dev-01 again); longer, the dev conversations in
    order (30 minutes: sc-dev-01 to -04, 31.1 min), then the sample and the fixture."""
    ids = [r["id"] for r in dev_records()]
    own = [ROOT / "resources" / "sample" / "home-visit.flac",
           ROOT / "tests" / "fixtures" / "live-visit.flac"]
    order: list[str | Path] = [*ids[:3], *own, ids[0]] if minutes <= 11.2 else [*ids, *own]
    out, seconds = [], 0.0
    for item in order:
        if seconds >= minutes * 60:
            break
        wav = spoken(item)[0] if isinstance(item, str) else item
        ref = Path(f"{wav}.ref.json") if isinstance(item, str) else item.with_suffix(".ref.json")
        audio = decode_audio(wav)
        out.append((audio, [s["text"] for s in json.loads(ref.read_text())["segments"]]))
        seconds += len(audio) / SAMPLE_RATE + 1
    return out


class Heartbeat(threading.Thread):
    """Sleeps 5 ms at a time and keeps the longest overshoot: how long the main thread of an
    app would have waited for the interpreter while the other threads worked."""

    def __init__(self) -> None:
        super().__init__(daemon=True)
        self.worst = 0.0
        self.running = True

    def run(self) -> None:
        while self.running:
            before = time.perf_counter()
            time.sleep(0.005)
            self.worst = max(self.worst, time.perf_counter() - before - 0.005)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--speed", type=float, default=1.0,
                        help="feed at this multiple of real time (1 = as a microphone)")
    parser.add_argument("--minutes", type=float, default=10.0, help="the recording's length")
    parser.add_argument("--llm", default="none", help="the drafting model (none: extractive)")
    parser.add_argument("--no-file", action="store_true",
                        help="skip transcribing the whole recording again as one file")
    args = parser.parse_args()
    audio_parts, texts = [], []
    for piece, said in parts(args.minutes):
        audio_parts += [piece, np.zeros(SAMPLE_RATE, dtype=np.float32)]
        texts += said
    audio = np.concatenate(audio_parts)
    reference = " ".join(texts)
    pcm = np.clip(np.rint(audio * 32768), -32768, 32767).astype(np.int16)
    minutes = len(audio) / SAMPLE_RATE / 60
    print(f"recording: {minutes:.1f} min, fed at {args.speed:g}x real time; "
          f"machine: {os.cpu_count()} cores")

    with tempfile.TemporaryDirectory() as tmp:
        data = Path(tmp) / "data"
        data.mkdir()
        services = Services(Settings(data_dir=data, llm=args.llm))
        work, _ = Casework.init(services, "correct horse battery staple", name="Sam Taylor",
                                use_keyring=False)
        visit = work.new_visit("BENCH-1", "Mr Jones", "home-visit",
                               Consent("the person", "verbal"))
        services.transcriber()  # load Whisper before the clock starts, as the app does
        services.writer()       # and the drafting model
        heartbeat = Heartbeat()
        heartbeat.start()
        session = RecordingSession(work, visit)
        lags: list[float] = []

        def feed() -> None:
            block = SAMPLE_RATE // 10
            started = time.monotonic()
            for n, offset in enumerate(range(0, len(pcm), block)):
                session.feed(pcm[offset:offset + block])
                if n % 50 == 0:
                    lags.append(session.live.seconds_behind)
                wait = started + (n + 1) * 0.1 / args.speed - time.monotonic()
                if wait > 0:
                    time.sleep(wait)
            session.stop()

        feeder = threading.Thread(target=feed)
        started = time.perf_counter()
        feeder.start()
        done = [e for e in session.transcribe() if isinstance(e, TranscriptionCompleted)][0]
        feeder.join()
        live_wer = word_error_rate(reference, " ".join(s.text for s in done.transcript.segments))
        print(f"wall time {time.perf_counter() - started:.0f} s; transcription lag: median "
              f"{np.median(lags):.1f} s, max {max(lags):.1f} s of audio")
        print(f"Stop to complete stored transcript: {done.seconds:.2f} s")
        drafted = [e for e in work.draft(visit) if isinstance(e, DraftCompleted)][0].draft
        stop_to_draft = time.perf_counter() - (session.stopped_at or 0.0)
        heartbeat.running = False
        print(f"Stop to stored draft: {stop_to_draft:.1f} s (writer: {args.llm}; stretches "
              f"read during the recording: {session.read_ahead}; sentences "
              f"{', '.join(f'{k.split(chr(44))[0]} {v}' for k, v in drafted.writers().items())})")
        peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024 / 1024
        print(f"peak memory (RSS): {peak:.2f} GB; longest stall of a 5 ms heartbeat thread: "
              f"{1000 * heartbeat.worst:.0f} ms")
        saved = len(work.recording_samples(session.recording_id)) / SAMPLE_RATE
        print(f"audio in the vault: {saved:.1f} s of {len(audio) / SAMPLE_RATE:.1f} s")
        if args.no_file:
            return
        work.lock()
        started = time.perf_counter()
        whole = run_to_completion(services.transcribe_audio(audio)).transcript
        file_seconds = time.perf_counter() - started
        file_wer = word_error_rate(reference, " ".join(s.text for s in whole.segments))
        print(f"WER live {100 * live_wer:.1f}%  file {100 * file_wer:.1f}%  "
              f"(file mode took {file_seconds:.0f} s after the end)")


if __name__ == "__main__":
    main()
