"""Drafting evaluation on ../shared/eval: key facts, agreed actions, risks, grounding, speed.

For each conversation the draft is made from (a) the reference transcript with speaker labels,
(b) for the social-care set, our own ASR of the conversation spoken by espeak-ng (no speaker
labels, real recognition errors), each with the extractive writer alone and with the bundled
SmolLM2. PriMock57 consultations (about 10 minutes each) measure speed on long transcripts.

Matching is automatic and deliberately simple, so it can be checked by hand:
- a key fact is present when one note sentence contains at least 60% of the fact's content
  words (stemmed); an agreed action when one drafted action contains at least 50%;
- a reference risk is flagged when the draft has a risk flag of the category it maps to
  (RISK_MAP below);
- "verifies" is the share of drafted sentences that pass the verifier (unflagged).

    .venv/bin/python bench/draft_eval.py [--skip-asr] [--skip-primock] [--llm smollm2]
"""

from __future__ import annotations

import argparse
import json
import statistics
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from app.services import Services, run_to_completion  # noqa: E402
from app.settings import Settings  # noqa: E402
from bench.devspeech import SHARED, cache, spoken  # noqa: E402
from summarise.drafter import DraftCompleted, SectionDrafted  # noqa: E402
from summarise.text import content_terms  # noqa: E402
from transcription.transcript import Transcript  # noqa: E402

# Reference risk label (social-care-dev.json) -> the draft's risk categories that cover it.
RISK_MAP = {
    "falls risk": {"falls"},
    "self-neglect / nutrition (weight loss)": {"weight loss", "neglect"},
    "medication errors": {"missed medication"},
    "social isolation": {"social isolation"},
    "carer breakdown / carer strain": {"carer breakdown"},
    "risk of Grace leaving home at night": {"wandering"},
    "carer health (angina)": {"carer health"},
    "financial abuse": {"financial abuse"},
    "physical abuse": {"physical abuse"},
    "person's wishes: no police": {"person's wishes"},
}
PERSON_NAMES = {"sc-dev-01": "Mrs Patel", "sc-dev-02": "Mr Okafor", "sc-dev-03": "Mr Evans"}


def coverage(needle: str, haystack: str) -> float:
    wanted = set(content_terms(needle))
    return len(wanted & set(content_terms(haystack))) / len(wanted) if wanted else 1.0


def run_draft(services: Services, transcript: Transcript, template: str, llm: str,
              person: str | None) -> tuple[Any, float, float]:
    started = time.perf_counter()
    first = None
    draft = None
    for event in services.draft(transcript, template, llm=llm, person_name=person):
        if isinstance(event, SectionDrafted) and first is None:
            first = time.perf_counter() - started
        if isinstance(event, DraftCompleted):
            draft = event.draft
    return draft, first or 0.0, time.perf_counter() - started


def score(record: dict[str, Any], draft: Any, transcript: Transcript) -> dict[str, Any]:
    sentences = [s for section in draft.sections for s in section.sentences]
    texts = [s.text for s in sentences]
    note_words = sum(len(t.split()) for t in texts) + sum(len(a.text.split())
                                                           for a in draft.actions)
    transcript_words = sum(len(s.text.split()) for s in transcript.segments)
    out: dict[str, Any] = {
        "sentences": len(sentences),
        "verified": sum(s.supported for s in sentences) / len(sentences) if sentences else 1.0,
        "length": note_words / transcript_words if transcript_words else 0.0,
    }
    if "key_facts" in record:
        facts = record["key_facts"]
        hits = [max((coverage(f, t) for t in texts), default=0) >= 0.6 for f in facts]
        out["facts"] = sum(hits) / len(facts)
        out["missed_facts"] = [f for f, h in zip(facts, hits, strict=True) if not h]
        actions = record["agreed_actions"]
        found = [max((coverage(a, d.text) for d in draft.actions), default=0) >= 0.5
                 for a in actions]
        out["actions"] = sum(found) / len(actions)
        out["missed_actions"] = [a for a, h in zip(actions, found, strict=True) if not h]
        categories = {f.category for f in draft.flags if f.kind == "risk"}
        risks = record["risk_flags"]
        flagged = [bool(RISK_MAP.get(r, {r}) & categories) for r in risks]
        out["risks"] = sum(flagged) / len(risks)
        out["missed_risks"] = [r for r, h in zip(risks, flagged, strict=True) if not h]
        out["extra_actions"] = [d.text for d in draft.actions
                                if max(coverage(a, d.text) for a in actions) < 0.3]
    return out


def asr_transcripts(records: list[dict[str, Any]], services: Services) -> dict[str, Transcript]:
    """Speak each conversation (espeak-ng, via the shared tool) and transcribe it with the
    app's defaults. Cached in the temp folder: the audio is synthetic, the eval data public."""
    out = {}
    for record in records:
        cached = cache() / f"{record['id']}.{services.settings.asr_model}.json"
        if cached.exists():
            out[record["id"]] = Transcript.load(cached)
            continue
        speech, _ = spoken(record["id"])
        out[record["id"]] = run_to_completion(services.transcribe_file(speech)).transcript
        cached.write_text(json.dumps(out[record["id"]].to_dict()))
    return out


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--llm", default="smollm2")
    ap.add_argument("--skip-asr", action="store_true")
    ap.add_argument("--skip-primock", action="store_true")
    ap.add_argument("--details", action="store_true", help="list what was missed")
    args = ap.parse_args()
    if not SHARED.exists():
        sys.exit(f"needs {SHARED} (the shared evaluation data)")
    services = Services(Settings(Path(tempfile.mkdtemp(prefix="casenotes-eval-data-"))))
    records = json.loads((SHARED / "eval" / "social-care-dev.json").read_text())
    sources: dict[str, dict[str, Transcript]] = {"reference": {
        r["id"]: Transcript.from_dict({"segments": [{"start": 0, "end": 0, "text": u["text"],
                                                     "speaker": u["speaker"]}
                                                    for u in r["utterances"]]})
        for r in records}}
    if not args.skip_asr:
        sources["our ASR"] = asr_transcripts(records, services)
    writers = {"extractive": "none", f"{args.llm} + extractive": args.llm}
    print("social-care-dev (3 conversations): mean over conversations")
    print(f"{'transcript':10} {'writer':22} {'facts':>6} {'actions':>8} {'risks':>6} "
          f"{'verified':>9} {'length':>7} {'first s':>8} {'total s':>8}")
    for source, transcripts in sources.items():
        for label, llm in writers.items():
            rows = []
            for record in records:
                transcript = transcripts[record["id"]]
                draft, first, total = run_draft(services, transcript, record["template"], llm,
                                                PERSON_NAMES.get(record["id"]))
                row = score(record, draft, transcript)
                row.update(first=first, total=total, id=record["id"])
                rows.append(row)
            mean = {k: statistics.mean(r[k] for r in rows) for k in
                    ("facts", "actions", "risks", "verified", "length", "first", "total")}
            print(f"{source:10} {label:22} {mean['facts']:6.0%} {mean['actions']:8.0%} "
                  f"{mean['risks']:6.0%} {mean['verified']:9.1%} {mean['length']:7.0%} "
                  f"{mean['first']:8.2f} {mean['total']:8.2f}")
            if args.details:
                for r in rows:
                    print(f"    {r['id']}: missed facts {r['missed_facts']}; missed actions "
                          f"{r['missed_actions']}; missed risks {r['missed_risks']}; "
                          f"uncommitted actions {r['extra_actions']}")
    if args.skip_primock:
        return
    consultations = json.loads((SHARED / "eval" / "primock57-dev.json").read_text())
    print(f"\nprimock57-dev ({len(consultations)} consultations, reference transcripts, "
          "home-visit template)")
    print(f"{'writer':22} {'minutes':>8} {'verified':>9} {'length':>7} {'first s':>8} "
          f"{'total s':>8} {'max s':>6}")
    for label, llm in writers.items():
        rows = []
        for record in consultations:
            transcript = Transcript.from_dict({"segments": [
                {"start": u.get("start", 0), "end": u.get("end", 0), "text": u["text"],
                 "speaker": u["speaker"]} for u in record["utterances"]]})
            draft, first, total = run_draft(services, transcript, "home-visit", llm, None)
            row = score(record, draft, transcript)
            row.update(first=first, total=total,
                       minutes=max(u.get("end", 0) for u in record["utterances"]) / 60)
            rows.append(row)
        print(f"{label:22} {statistics.mean(r['minutes'] for r in rows):8.1f} "
              f"{statistics.mean(r['verified'] for r in rows):9.1%} "
              f"{statistics.mean(r['length'] for r in rows):7.0%} "
              f"{statistics.mean(r['first'] for r in rows):8.2f} "
              f"{statistics.mean(r['total'] for r in rows):8.2f} "
              f"{max(r['total'] for r in rows):6.1f}")


if __name__ == "__main__":
    main()
