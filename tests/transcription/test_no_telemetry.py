"""ONNX Runtime (the Silero voice-activity model) sends usage telemetry on Linux from 1.29 and
leaves a device identifier in ~/.cache/Microsoft unless told not to before it starts. Using
Casenotes' transcription package must leave neither: a child process with an empty home runs
the VAD model and the home stays empty."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
RUN_VAD = ("import numpy as np, transcription; "
           "from faster_whisper.vad import get_speech_timestamps; "
           "import onnxruntime; "
           "tone = np.sin(np.arange(16000 * 3) / 8.0).astype(np.float32) * 0.3; "
           "get_speech_timestamps(tone); print('ran')")


# ONNX Runtime keeps its telemetry off by itself where one of these says it runs under CI (CI
# sets CI=true): the child is run as on a practitioner's laptop, where none is set.
CI_MARKERS = {"CI", "TF_BUILD", "GITHUB_ACTIONS", "GITLAB_CI", "CIRCLECI", "TRAVIS", "JENKINS_URL",
              "CODEBUILD_BUILD_ID", "BUILDKITE", "TEAMCITY_VERSION", "APPVEYOR",
              "BITBUCKET_BUILD_NUMBER"}


def run_with_home(home: Path, code: str) -> subprocess.CompletedProcess[str]:
    env = {k: v for k, v in os.environ.items()
           if not k.startswith(("ORT_", "XDG_CACHE")) and k not in CI_MARKERS}
    env.update(HOME=str(home), PYTHONPATH=str(ROOT))
    return subprocess.run([sys.executable, "-c", code], env=env, capture_output=True,
                          text=True, timeout=120)


def test_transcription_turns_onnxruntime_telemetry_off(tmp_path: Path) -> None:
    done = run_with_home(tmp_path, RUN_VAD)
    assert done.returncode == 0 and "ran" in done.stdout, done.stderr[-2000:]
    assert list(tmp_path.iterdir()) == []


def test_the_check_would_see_telemetry_left_on(tmp_path: Path) -> None:
    """Without the package's switch the same run leaves the device identifier behind: the
    test above can fail."""
    code = RUN_VAD.replace("import numpy as np, transcription; ", "import numpy as np; ")
    done = run_with_home(tmp_path, code)
    assert done.returncode == 0, done.stderr[-2000:]
    assert (tmp_path / ".cache" / "Microsoft").is_dir()
