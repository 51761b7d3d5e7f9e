"""A sample of drafted sentences with the lines they cite, for a hand check by a reader.

Reads the drafts `bench/draft_eval.py --save DIR` wrote and prints, for a seeded random sample
of the sentences one writer wrote and that passed verification, each sentence with its cited
transcript lines (speaker and words), numbered for the reader's verdicts.

    .venv/bin/python bench/hand_sample.py DIR [--writer llm|extractive] [--n 50] [--seed 1]
        [--only NAME,NAME] [--actions]

With --actions the agreed actions (owner, words, citations) are drawn from too.
"""

from __future__ import annotations

import argparse
import json
import random
from pathlib import Path


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("folder", type=Path)
    ap.add_argument("--writer", default="llm", choices=("llm", "extractive"))
    ap.add_argument("--n", type=int, default=50)
    ap.add_argument("--seed", type=int, default=1)
    ap.add_argument("--only", default="", help="comma-separated file name parts, e.g. "
                    "sc-dev-12,day1_consultation08")
    ap.add_argument("--actions", action="store_true", help="draw from the actions too")
    args = ap.parse_args()
    items = []
    for path in sorted(args.folder.glob("*.json")):
        if args.only and not any(part in path.name for part in args.only.split(",")):
            continue
        data = json.loads(path.read_text())
        segments = data["transcript"]["segments"]
        for section in data["draft"]["sections"]:
            for sentence in section["sentences"]:
                if sentence["source"] == args.writer and sentence["supported"]:
                    items.append((path.stem.split(".")[0], section["title"], sentence, segments))
        if args.actions and args.writer == "extractive":
            for action in data["draft"]["actions"]:
                items.append((path.stem.split(".")[0], "Agreed actions",
                              {"text": f"[owner: {action['owner']}] {action['text']}",
                               "citations": action["citations"]}, segments))
    random.Random(args.seed).shuffle(items)
    print(f"{min(args.n, len(items))} of {len(items)} verified sentences"
          f"{' and actions' if args.actions else ''} by {args.writer}\n")
    for n, (conversation, title, sentence, segments) in enumerate(items[:args.n], start=1):
        print(f"## {n}. {conversation}, section \"{title}\"\nSENTENCE: {sentence['text']}")
        for c in sentence["citations"]:
            segment = segments[c]
            print(f"  [{c}] {segment.get('speaker', '?')}: {segment['text']}")
        print()


if __name__ == "__main__":
    main()
