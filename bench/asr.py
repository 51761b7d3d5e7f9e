"""ASR benchmark: real-time factor, peak memory and word error rate.

Default: the bundled sample. With --real: real human speech (the pyannote-audio wheel's phone
call and Debian's LibriVox clips, which `make test` fetches), over the --dev grid. With --dev:
the three dev conversations from
../shared/eval/social-care-dev.json, spoken by the shared espeak-ng tool (6.5 min, cached in
the temp folder), over the grid the capture issue asks for: base and tiny.en, greedy and beam
5, with and without VAD, batched and not, beside plain faster-whisper with its defaults.

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

_DEFAULTS = Settings(Path("."))
_BEAM, _VAD, _BATCH = _DEFAULTS.beam_size, _DEFAULTS.vad, _DEFAULTS.batch_size
CONFIGS = [
    # (label, runner, model, beam, vad, batch); "casenotes" is the app's default settings
    ("casenotes", "ours", "base", _BEAM, _VAD, _BATCH),
    ("casenotes, greedy", "ours", "base", 1, _VAD, _BATCH),
    ("faster-whisper, same settings", "plain", "base", _BEAM, _VAD, 0),
    ("faster-whisper defaults", "plain", "base", 5, False, 0),
    ("casenotes", "ours", "tiny.en", _BEAM, _VAD, _BATCH),
    ("casenotes, greedy", "ours", "tiny.en", 1, _VAD, _BATCH),
    ("faster-whisper, same settings", "plain", "tiny.en", _BEAM, _VAD, 0),
    ("faster-whisper defaults", "plain", "tiny.en", 5, False, 0),
]

# --dev: (label, runner, model, beam, vad, batch size)
DEV_GRID = [(label, runner, model, beam, vad, batch)
            for model in ("base", "tiny.en")
            for label, runner, beam, vad, batch in [
                ("faster-whisper defaults", "plain", 5, False, 0),
                ("casenotes", "ours", 5, False, 0),
                ("casenotes", "ours", 5, True, 0),
                ("casenotes", "ours", 1, False, 0),
                ("casenotes", "ours", 1, True, 0),
                ("casenotes, batched", "ours", 5, True, 8),
                ("casenotes, batched", "ours", 1, True, 8)]
                + ([("casenotes, batched", "ours", _BEAM, True, 8)] if _BEAM != 5 else [])]
# --short: the choice between the app's candidate defaults, base only (beam 5 beside the
# default beam where they differ)
SHORT_GRID = [("faster-whisper defaults", "plain", "base", 5, False, 0),
              ("casenotes", "ours", "base", 5, True, 0),
              ("casenotes, batched", "ours", "base", 5, True, 8)] + (
    [("casenotes, batched", "ours", "base", _BEAM, True, _BATCH)] if _BEAM != 5 else [])


def run_one(runner: str, model: str, beam: int, vad: bool, audio: str | list[str],
            threads: int, data_dir: str, same_settings: bool, batch: int = 0) -> dict:
    """One configuration over one file, or several (their times and texts summed)."""
    if isinstance(audio, list):
        runs = [run_one(runner, model, beam, vad, a, threads, data_dir, same_settings, batch)
                for a in audio]
        return {"load_s": runs[0]["load_s"],
                "transcribe_s": sum(r["transcribe_s"] for r in runs),
                "duration_s": sum(r["duration_s"] for r in runs),
                "texts": [r["text"] for r in runs],
                "peak_rss_mb": max(r["peak_rss_mb"] for r in runs)}
    from app.settings import Settings
    from transcription.models import resolve_whisper_model

    settings = Settings(data_dir=Path(data_dir), asr_model=model, beam_size=beam, vad=vad,
                        threads=threads, batch_size=batch)
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
    ap.add_argument("--dev", action="store_true",
                    help="the dev conversations (needs ../shared, espeak-ng and sox)")
    ap.add_argument("--real", action="store_true",
                    help="real human speech: the pyannote-audio phone call and the LibriVox "
                    "clips of pocketsphinx-testdata (both fetched by make test)")
    ap.add_argument("--engine", choices=["espeak", "piper"], default="espeak",
                    help="with --dev: the voice the shared tool speaks them with")
    ap.add_argument("--conversations", type=int, default=3,
                    help="with --dev: how many of the dev conversations, from the first "
                    "(default 3: sc-dev-01..03, 6.5 min; all 15 take hours on 2 cores)")
    ap.add_argument("--ids", metavar="ID,ID",
                    help="with --dev: these conversations (e.g. sc-dev-04,sc-dev-15) instead "
                    "of the first --conversations")
    ap.add_argument("--short", action="store_true",
                    help="with --dev or --real: base only, plain defaults against the app's "
                    "unbatched and batched decoding")
    ap.add_argument("--rows", metavar="TEXT",
                    help="with --dev: only rows whose pipeline contains TEXT (and the "
                    "faster-whisper defaults rows they are compared with)")
    ap.add_argument("--one", help=argparse.SUPPRESS)
    args = ap.parse_args()
    if args.one:
        print(json.dumps(run_one(**json.loads(args.one))))
        return
    if args.dev or args.real:
        files, references = (real_audio() if args.real else
                             dev_audio(args.engine, args.conversations, args.ids))
        grid_table(args, files, references, "Real speech" if args.real else
                   f"Dev conversations ({args.engine})")
        return

    import resources
    from transcription.wer import word_error_rate

    audio = str(resources.sample_recording())
    reference = " ".join(s["text"] for s in json.loads(
        resources.path("sample", "home-visit.ref.json").read_text())["segments"])
    data_dir = tempfile.mkdtemp(prefix="casenotes-bench-")
    print(f"Sample: {Path(audio).name}; {os.cpu_count()} CPU cores; threads={args.threads}")
    print(f"{'model':8} {'pipeline':32} {'beam':>4} {'VAD':>4} {'batch':>5} {'load s':>7} "
          f"{'RTF':>7} {'peak MB':>8} {'WER':>6}")
    results = {}
    for label, runner, model, beam, vad, batch in CONFIGS:
        runs = []
        for _ in range(args.repeat):
            spec = dict(runner=runner, model=model, beam=beam, vad=vad, audio=audio,
                        threads=args.threads, data_dir=data_dir,
                        same_settings=label.endswith("same settings"), batch=batch)
            out = subprocess.run([sys.executable, __file__, "--one", json.dumps(spec)],
                                 check=True, capture_output=True, text=True).stdout
            runs.append(json.loads(out.strip().splitlines()[-1]))
        best = min(runs, key=lambda r: r["transcribe_s"])
        rtf = best["transcribe_s"] / best["duration_s"]
        wer = word_error_rate(reference, best["text"])
        results[(label, model)] = rtf
        print(f"{model:8} {label:32} {beam:>4} {'on' if vad else 'off':>4} {batch or '-':>5} "
              f"{best['load_s']:7.2f} {rtf:7.3f} {best['peak_rss_mb']:8.0f} {wer:6.1%}")
    for model in ("base", "tiny.en"):
        ours = results[("casenotes", model)]
        same = results[("faster-whisper, same settings", model)]
        default = results[("faster-whisper defaults", model)]
        print(f"{model}: overhead vs plain faster-whisper with the same settings "
              f"{ours / same:.2f}x; speed-up vs faster-whisper defaults {default / ours:.2f}x")


def dev_audio(engine: str = "espeak", count: int = 3, ids: str | None = None
              ) -> tuple[list[str], list[str]]:
    from bench.devspeech import dev_records, spoken

    files, references = [], []
    wanted = ids.split(",") if ids else None
    records = [r for r in dev_records() if r["id"] in wanted] if wanted else \
        dev_records()[:count]
    for record in records:
        speech, segments = spoken(record["id"], engine)
        files.append(str(speech))
        references.append(" ".join(s["text"] for s in segments))
    return files, references


def real_audio() -> tuple[list[str], list[str]]:
    """The pyannote-audio wheel's 30 s two-person call and Debian's LibriVox clips."""
    import re

    call = ROOT / "build" / "fixtures" / "pyannote-sample"
    librivox = Path("/usr/share/pocketsphinx/test/data/librivox")
    if not (call / "sample.wav").exists() or not librivox.exists():
        raise SystemExit("run 'make test' first: it fetches the real-speech fixtures")
    files = [str(call / "sample.wav")]
    references = [" ".join(line.split(None, 5)[5]
                           for line in (call / "sample.stm").read_text().splitlines())]
    for text, name in re.findall(r"<s> (.*?) </s> \((.*?)\)",
                                 (librivox / "transcription").read_text()):
        files.append(str(librivox / f"{name}.wav"))
        references.append(text)
    return files, references


def grid_table(args: argparse.Namespace, files: list[str], references: list[str],
               title: str) -> None:
    from transcription.wer import word_error_rate

    data_dir = tempfile.mkdtemp(prefix="casenotes-bench-")
    print(f"{title}: {len(files)} files; {os.cpu_count()} CPU cores; "
          f"threads={args.threads}; WER over all words")
    print(f"{'model':8} {'pipeline':26} {'beam':>4} {'VAD':>4} {'batch':>5} {'RTF':>7} "
          f"{'peak MB':>8} {'WER':>6} {'vs defaults':>11}")
    defaults: dict[str, float] = {}
    for label, runner, model, beam, vad, batch in (SHORT_GRID if args.short else DEV_GRID):
        if args.rows and args.rows not in label and runner != "plain":
            continue
        spec = dict(runner=runner, model=model, beam=beam, vad=vad, audio=files,
                    threads=args.threads, data_dir=data_dir, same_settings=False, batch=batch)
        out = subprocess.run([sys.executable, __file__, "--one", json.dumps(spec)],
                             check=True, capture_output=True, text=True).stdout
        result = json.loads(out.strip().splitlines()[-1])
        rtf = result["transcribe_s"] / result["duration_s"]
        wer = word_error_rate(" ".join(references), " ".join(result["texts"]))
        if runner == "plain":
            defaults[model] = rtf
        speed = defaults[model] / rtf
        print(f"{model:8} {label:26} {beam:>4} {'on' if vad else 'off':>4} {batch or '-':>5} "
              f"{rtf:7.3f} {result['peak_rss_mb']:8.0f} {wer:6.1%} {speed:10.2f}x", flush=True)
        if len(files) > 1:
            each = [word_error_rate(r, t) for r, t in zip(references, result["texts"],
                                                          strict=True)]
            print(f"{'':8} by file: " + ", ".join(
                f"{Path(f).stem} {w:.1%}" for f, w in zip(files, each, strict=True)),
                flush=True)


if __name__ == "__main__":
    main()
