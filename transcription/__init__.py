"""Audio in, timed segments out. No Qt here: the GUI and the CLI both drive this package
through `app.services`.

Importing this package tells the libraries it uses that would otherwise reach the network
not to, before any of them is imported: huggingface_hub (faster-whisper's model download)
reads its switches at import time, and ONNX Runtime (which runs the Silero voice-activity
model) sends usage telemetry on Linux from version 1.29 unless ORT_DISABLE_TELEMETRY=1 is
set before it starts; with it set, it creates no uploader and no device identifier.
"""

import os

OFFLINE_ENVIRONMENT = {
    "HF_HUB_OFFLINE": "1",
    "HF_HUB_DISABLE_TELEMETRY": "1",
    "TRANSFORMERS_OFFLINE": "1",
    "ORT_DISABLE_TELEMETRY": "1",
}
os.environ.update(OFFLINE_ENVIRONMENT)
