"""ASR benchmark: real-time factor, peak memory and word error rate on the bundled sample.

Each configuration runs in its own process, so peak memory (ru_maxrss) is that run's alone.
Casenotes' own path (decode -> Services.transcribe_audio) is measured beside plain
faster-whisper on the same file, with the same decoding settings (beam, VAD, word
timestamps and no conditioning on previous text, as the app decodes: our overhead ratio) and
with faster-whisper's defaults (beam 5, no VAD: what Buzz- or noScribe-style tools run).

    .venv/bin/python bench/asr.py [--threads N] [--repeat N]
"""

from __future__ import annotations

import argparse
import json
import os
import resource
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from app.settings import Settings  # noqa: E402

_BEAM, _VAD = Settings(Path(".")).beam_size, Settings(Path(".")).vad
CONFIGS = [
    # (label, runner, model, beam, vad); "casenotes" uses the app's default settings
    ("casenotes", "ours", "base", _BEAM, _VAD),
    ("faster-whisper, same settings", "plain", "base", _BEAM, _VAD),
    ("faster-whisper defaults", "plain", "base", 5, False),
    ("casenotes, greedy", "ours", "base", 1, _VAD),
    ("casenotes", "ours", "tiny.en", _BEAM, _VAD),
    ("faster-whisper, same settings", "plain", "tiny.en", _BEAM, _VAD),
    ("faster-whisper defaults", "plain", "tiny.en", 5, False),
    ("casenotes, greedy", "ours", "tiny.en", 1, _VAD),
]


def run_one(runner: str, model: str, beam: int, vad: bool, audio: str, threads: int,
            data_dir: str, same_settings: bool) -> dict:
    from app.settings import Settings
    from transcription.models import resolve_whisper_model

    settings = Settings(data_dir=Path(data_dir), asr_model=model, beam_size=beam, vad=vad,
                        threads=threads)
    ref = resolve_whisper_model(model, settings.paths.ensure().models)
    t0 = time.perf_counter()
    if runner == "ours":
        from app.services import Services, run_to_completion

        services = Services(settings)
        services.transcriber()
        t1 = time.perf_counter()
        result = run_to_completion(services.transcribe_file(audio))
        text = " ".join(s.text for s in result.transcript.segments)
        duration = result.transcript.duration
    else:
        os.environ["HF_HUB_OFFLINE"] = "1"
        from faster_whisper import WhisperModel, decode_audio

        whisper = WhisperModel(str(ref.path), device="cpu", compute_type="int8",
                               cpu_threads=threads, local_files_only=True)
        t1 = time.perf_counter()
        samples = decode_audio(audio)
        same = {"condition_on_previous_text": False,
                "word_timestamps": Settings(Path(".")).word_timestamps} if same_settings else {}
        segments, info = whisper.transcribe(samples, beam_size=beam, vad_filter=vad,
                                            language="en" if ref.english_only else None, **same)
        text = " ".join(s.text.strip() for s in segments)
        duration = info.duration
    t2 = time.perf_counter()
    return {"load_s": t1 - t0, "transcribe_s": t2 - t1, "duration_s": duration, "text": text,
            "peak_rss_mb": resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024}


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--threads", type=int, default=os.cpu_count() or 2)
    ap.add_argument("--repeat", type=int, default=1, help="runs per configuration (best kept)")
    ap.add_argument("--one", help=argparse.SUPPRESS)
    args = ap.parse_args()
    if args.one:
        print(json.dumps(run_one(**json.loads(args.one))))
        return

    import resources
    from transcription.wer import word_error_rate

    audio = str(resources.sample_recording())
    reference = " ".join(s["text"] for s in json.loads(
        resources.path("sample", "home-visit.ref.json").read_text())["segments"])
    data_dir = tempfile.mkdtemp(prefix="casenotes-bench-")
    print(f"Sample: {Path(audio).name}; {os.cpu_count()} CPU cores; threads={args.threads}")
    print(f"{'model':8} {'pipeline':32} {'beam':>4} {'VAD':>4} {'load s':>7} {'RTF':>7} "
          f"{'peak MB':>8} {'WER':>6}")
    results = {}
    for label, runner, model, beam, vad in CONFIGS:
        runs = []
        for _ in range(args.repeat):
            spec = dict(runner=runner, model=model, beam=beam, vad=vad, audio=audio,
                        threads=args.threads, data_dir=data_dir,
                        same_settings=label.endswith("same settings"))
            out = subprocess.run([sys.executable, __file__, "--one", json.dumps(spec)],
                                 check=True, capture_output=True, text=True).stdout
            runs.append(json.loads(out.strip().splitlines()[-1]))
        best = min(runs, key=lambda r: r["transcribe_s"])
        rtf = best["transcribe_s"] / best["duration_s"]
        wer = word_error_rate(reference, best["text"])
        results[(label, model)] = rtf
        print(f"{model:8} {label:32} {beam:>4} {'on' if vad else 'off':>4} "
              f"{best['load_s']:7.2f} {rtf:7.3f} {best['peak_rss_mb']:8.0f} {wer:6.1%}")
    for model in ("base", "tiny.en"):
        ours = results[("casenotes", model)]
        same = results[("faster-whisper, same settings", model)]
        default = results[("faster-whisper defaults", model)]
        print(f"{model}: overhead vs plain faster-whisper with the same settings "
              f"{ours / same:.2f}x; speed-up vs faster-whisper defaults {default / ours:.2f}x")


if __name__ == "__main__":
    main()
