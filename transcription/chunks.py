"""Audio chunks for the vault: 16 kHz mono PCM <-> small, self-contained FLAC files, in memory.

Each chunk is a complete FLAC stream of a few seconds, so any chunk decodes on its own and a
recording cut short by a crash loses at most the chunk being written. FLAC is lossless, so what
is transcribed later is exactly what was captured.
"""

from __future__ import annotations

import io

import numpy as np

from transcription.audio import SAMPLE_RATE, decode_audio_bytes


def encode_flac(samples: np.ndarray, rate: int = SAMPLE_RATE) -> bytes:
    """float32 [-1, 1] or int16 mono samples -> FLAC bytes (never touches the disk)."""
    import av

    # the exact inverse of decoding (int16 / 32768), so a round trip changes no sample
    pcm = samples if samples.dtype == np.int16 else \
        np.clip(np.rint(samples * 32768.0), -32768, 32767).astype(np.int16)
    buffer = io.BytesIO()
    with av.open(buffer, mode="w", format="flac") as container:
        stream = container.add_stream("flac", rate=rate, layout="mono")
        frame = av.AudioFrame.from_ndarray(pcm.reshape(1, -1), format="s16", layout="mono")
        frame.sample_rate = rate
        for packet in stream.encode(frame):
            container.mux(packet)
        for packet in stream.encode(None):
            container.mux(packet)
    return buffer.getvalue()


def decode_chunks(chunks: list[bytes], name: str = "recording") -> np.ndarray:
    """Concatenate decoded chunks (each a FLAC stream) into one float32 array."""
    parts = [decode_audio_bytes(chunk, name) for chunk in chunks]
    return np.concatenate(parts) if parts else np.zeros(0, dtype=np.float32)
