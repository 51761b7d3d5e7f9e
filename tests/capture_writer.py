"""Child process for the recording kill test: captures the sample into a visit, reporting
each committed chunk, until the parent kills it.

    python capture_writer.py DATA_DIR VISIT_ID
"""

from __future__ import annotations

import os
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

import resources  # noqa: E402
from app.capture import Capture  # noqa: E402
from app.casework import Casework  # noqa: E402
from app.services import Services  # noqa: E402
from app.settings import Settings  # noqa: E402
from transcription.audio import decode_audio  # noqa: E402


def main() -> None:
    work = Casework.unlock(Services(Settings(Path(sys.argv[1]))),
                           passphrase=os.environ["CASENOTES_PASSPHRASE"], use_keyring=False)
    audio = decode_audio(resources.sample_recording())
    capture = Capture(work, int(sys.argv[2]), chunk_seconds=1.0,
                      on_chunk=lambda seq, seconds: print(f"chunk {seq}", flush=True))
    print(f"ready {capture.recording_id}", flush=True)
    block = 4000  # a quarter of a second, as an audio callback delivers it
    for start in range(0, len(audio), block):
        capture.feed(audio[start:start + block])
        time.sleep(0.01)
    print("finished without being killed", flush=True)


if __name__ == "__main__":
    main()
