"""Live transcription benchmark: a 10-minute recording fed as a microphone would, then Stop.

The recording is the three dev conversations, the bundled sample, the test fixture and the
first dev conversation again, one after another (11 minutes, synthesised with the shared
espeak-ng tool; cached in the temp folder). A feeder thread delivers it in 100 ms blocks at
`--speed` x real time into a `RecordingSession` over a real vault (FLAC chunks committed
every 3 s; the live transcriber on this thread, Whisper base with the app's settings).
Printed: the time from Stop to the complete, stored transcript; how far transcription lagged
behind the audio; and the word error rate beside transcribing the same audio as one file.

    .venv/bin/python bench/live.py [--speed 1]
"""

from __future__ import annotations

import argparse
import json
import os
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
from transcription.audio import SAMPLE_RATE, decode_audio  # noqa: E402
from transcription.wer import word_error_rate  # noqa: E402


def parts() -> list[tuple[Path, Path]]:
    out = []
    for record in dev_records():
        speech, _ = spoken(record["id"])
        out.append((speech, Path(f"{speech}.ref.json")))
    out.append((ROOT / "resources" / "sample" / "home-visit.flac",
                ROOT / "resources" / "sample" / "home-visit.ref.json"))
    out.append((ROOT / "tests" / "fixtures" / "live-visit.flac",
                ROOT / "tests" / "fixtures" / "live-visit.ref.json"))
    return out + out[:1]  # past the 10 minutes


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--speed", type=float, default=1.0,
                        help="feed at this multiple of real time (1 = as a microphone)")
    args = parser.parse_args()
    audio_parts, texts = [], []
    for wav, ref in parts():
        audio_parts += [decode_audio(wav), np.zeros(SAMPLE_RATE, dtype=np.float32)]
        texts += [s["text"] for s in json.loads(ref.read_text())["segments"]]
    audio = np.concatenate(audio_parts)
    reference = " ".join(texts)
    pcm = np.clip(np.rint(audio * 32768), -32768, 32767).astype(np.int16)
    minutes = len(audio) / SAMPLE_RATE / 60
    print(f"recording: {minutes:.1f} min, fed at {args.speed:g}x real time; "
          f"machine: {os.cpu_count()} cores")

    with tempfile.TemporaryDirectory() as tmp:
        data = Path(tmp) / "data"
        data.mkdir()
        services = Services(Settings(data_dir=data))
        work, _ = Casework.init(services, "correct horse battery staple", name="Sam Taylor",
                                use_keyring=False)
        visit = work.new_visit("BENCH-1", "Mr Jones", "home-visit",
                               Consent("the person", "verbal"))
        services.transcriber()  # load Whisper before the clock starts, as the app does
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
        saved = len(work.recording_samples(session.recording_id)) / SAMPLE_RATE
        print(f"audio in the vault: {saved:.1f} s of {len(audio) / SAMPLE_RATE:.1f} s")
        work.lock()
        started = time.perf_counter()
        whole = run_to_completion(services.transcribe_audio(audio)).transcript
        file_seconds = time.perf_counter() - started
        file_wer = word_error_rate(reference, " ".join(s.text for s in whole.segments))
        print(f"WER live {100 * live_wer:.1f}%  file {100 * file_wer:.1f}%  "
              f"(file mode took {file_seconds:.0f} s after the end)")


if __name__ == "__main__":
    main()
