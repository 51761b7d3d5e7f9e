"""Child process for the microphone kill test: records from the default microphone (the
virtual one on the test PulseAudio server) through QAudioSource into a visit, as the window
does, reporting each committed chunk, until the parent kills it.

    python mic_writer.py DATA_DIR VISIT_ID
"""

from __future__ import annotations

import os
import sys
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from app.capture import Capture  # noqa: E402
from app.casework import Casework  # noqa: E402
from app.qt import QTimer, application  # noqa: E402
from app.services import Services  # noqa: E402
from app.settings import Settings  # noqa: E402
from app.ui.recorder import Recorder, find_device  # noqa: E402


def main() -> None:
    app = application(sys.argv[:1])
    work = Casework.unlock(Services(Settings(Path(sys.argv[1]))),
                           passphrase=os.environ["CASENOTES_PASSPHRASE"], use_keyring=False)
    capture = Capture(work, int(sys.argv[2]),
                      on_chunk=lambda seq, seconds: print(f"chunk {seq}", flush=True))
    recorder = Recorder(find_device(None), capture.feed)
    recorder.start()
    print(f"ready {capture.recording_id}", flush=True)
    QTimer.singleShot(120_000, app.quit)
    app.exec()
    print("finished without being killed", flush=True)


if __name__ == "__main__":
    main()
