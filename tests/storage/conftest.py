from __future__ import annotations

from pathlib import Path

import pytest

from storage.paths import DataDir
from storage.records import CaseRecord, Consent
from storage.vault import Vault

# Tests use a cheap scrypt; the product's ~0.3 s setting is measured by bench/vault.py.
FAST = {"n": 2**10, "r": 8, "p": 1}
PASSPHRASE = "correct horse battery staple"


@pytest.fixture
def paths(tmp_path: Path) -> DataDir:
    return DataDir(tmp_path / "data")


@pytest.fixture
def vault(paths: DataDir):  # type: ignore[no-untyped-def]
    v, _ = Vault.create(paths, PASSPHRASE, use_keyring=False, scrypt=FAST)
    yield v
    v.lock()


@pytest.fixture
def record(vault: Vault) -> CaseRecord:
    r = CaseRecord(vault)
    r.ensure_profile("Sam Taylor")
    return r


def new_visit(record: CaseRecord, case: str = "CASE-1", person: str = "Mr Jones") -> int:
    return record.create_visit(case, person, "home-visit", Consent("the person", "verbal"))
