"""Messages that used to mislead (issue 14, item 10), through the real command line: each is
one plain line that says what happened and what to do next."""

from __future__ import annotations

import base64
import json
import wave
import zipfile
from pathlib import Path

import pytest

from app.casework import Casework
from tests.fakes import fake_services
from tests.storage.test_export import PASSPHRASE, TRANSCRIPT, approved
from tests.test_cli import assert_user_error
from tests.test_cli_export import run
from tests.test_cli_vault import run as run_stdin


@pytest.fixture
def vault(settings) -> tuple[Path, str]:  # type: ignore[no-untyped-def]
    """Sam's vault with visit 1 approved, and its recovery key."""
    work, recovery_key = Casework.init(fake_services(settings, TRANSCRIPT), PASSPHRASE,
                                       name="Sam Taylor", use_keyring=False)
    approved(work, "CASE-1", ["Mrs Patel said she cannot get into the bath."])
    work.lock()
    return settings.data_dir, recovery_key


def edit_slot(data: Path, slot_type: str, **changes: str) -> None:
    keyfile = data / "keyslots.json"
    slots = json.loads(keyfile.read_text())
    for slot in slots["slots"]:
        if slot["type"] == slot_type:
            slot.update(changes)
    keyfile.write_text(json.dumps(slots))


def flipped(text: str) -> str:
    raw = bytearray(base64.b64decode(text))
    raw[5] ^= 0x40
    return base64.b64encode(bytes(raw)).decode()


def test_a_damaged_key_slot_is_not_called_a_wrong_passphrase(vault: tuple[Path, str]) -> None:
    data, recovery_key = vault
    keyfile = data / "keyslots.json"
    # A slot written before slots carried a check opens as before, and gains one.
    slots = json.loads(keyfile.read_text())
    slot = next(s for s in slots["slots"] if s["type"] == "passphrase")
    check = slot.pop("check")
    keyfile.write_text(json.dumps(slots))
    assert run(data, "unlock").returncode == 0
    assert check in keyfile.read_text()
    edit_slot(data, "passphrase", wrapped=flipped(slot["wrapped"]))
    for _ in range(4):  # never "Check Caps Lock", never backed off
        assert_user_error(run(data, "unlock"), "The vault's key file (keyslots.json) has a "
                          "damaged passphrase slot, so the passphrase cannot be checked; this "
                          "was not counted as a wrong guess. Unlock with the recovery key")
    assert "attempts" not in json.loads((data / "keyslots.json").read_text())
    assert_user_error(run(data, "unlock", passphrase="not the passphrase at all"),
                      "That passphrase is not right")  # a wrong one is still told apart
    opened = run_stdin(data, "unlock", "--recovery-key-stdin", passphrase=None,
                       stdin=recovery_key)
    assert opened.returncode == 0, opened.stderr
    # Cut short or garbled (as a slot from before the check would be) is damage too.
    edit_slot(data, "passphrase", wrapped="not base64!")
    assert_user_error(run(data, "unlock"), "damaged passphrase slot")
    edit_slot(data, "recovery", wrapped=flipped(slot["wrapped"])[:20])
    assert_user_error(run_stdin(data, "unlock", "--recovery-key-stdin", passphrase=None,
                                stdin=recovery_key),
                      "damaged recovery-key slot, so the recovery key cannot be checked")


def test_restoring_a_backup_with_a_damaged_vault_names_the_backup(
        vault: tuple[Path, str], tmp_path: Path) -> None:
    data, _ = vault
    assert run(data, "backup", str(tmp_path / "good")).returncode == 0
    with zipfile.ZipFile(tmp_path / "good.cnbackup") as good:
        slots = good.read("keyslots.json")
    with zipfile.ZipFile(tmp_path / "bad.cnbackup", "w") as bad:
        bad.writestr("casenotes.vault", b"\x8f" * 40_000)
        bad.writestr("keyslots.json", slots)
    result = run(data, "restore", str(tmp_path / "bad.cnbackup"), "--older")
    assert_user_error(result, "The vault inside bad.cnbackup is damaged and cannot be read (its "
                      "passphrase is right), so it was not restored and nothing here was "
                      "changed. Try another backup.")
    assert ".restoring" not in result.stderr
    assert not list(data.glob("*.restoring")) and not list(data.glob("before-restore*"))
    assert run(data, "unlock").returncode == 0


def test_export_to_a_file_says_it_is_not_a_folder(vault: tuple[Path, str],
                                                  tmp_path: Path) -> None:
    data, _ = vault
    target = tmp_path / "notes.txt"
    target.write_text("mine")
    for fmt in ("txt", "csv"):
        result = run(data, "export", "--approved", "--format", fmt, "--out", str(target))
        assert_user_error(result, f"{target} is a file, not a folder. Choose a folder for the "
                          "exported files (a new one is made if its parent exists); nothing "
                          "was exported.")
        assert "File exists" not in result.stderr
    assert_user_error(run(data, "export", "--approved", "--format", "pdf", "--out",
                          str(target / "notes")),
                      f"{target} is a file, not a folder, so Casenotes cannot make notes in it")
    assert target.read_text() == "mine"


def test_a_template_id_that_is_a_number_says_so(vault: tuple[Path, str],
                                                tmp_path: Path) -> None:
    data, _ = vault
    (data / "templates").mkdir()
    (data / "templates" / "visit-7.toml").write_text(
        'id = 7\ntitle = "Visit seven"\n[[sections]]\nid = "views"\ntitle = "Views"\n')
    transcript = tmp_path / "t.json"
    transcript.write_text(json.dumps(TRANSCRIPT.to_dict()))
    assert_user_error(run(data, "draft", str(transcript), "--template", "visit-7"),
                      'The template file visit-7.toml is not valid: its "id" is 7 (a number), '
                      'not text: write it in quotes, e.g. id = "visit-7".')


@pytest.mark.model
def test_transcribing_silence_says_no_speech_was_found(vault: tuple[Path, str],
                                                       tmp_path: Path) -> None:
    data, _ = vault
    silence = tmp_path / "silence.wav"
    with wave.open(str(silence), "wb") as w:
        w.setnchannels(1)
        w.setsampwidth(2)
        w.setframerate(16_000)
        w.writeframes(b"\0\0" * 16_000 * 4)
    made = run(data, "visit", "new", "--case", "CASE-2", "--person", "Mr Jones", "--consent",
               "the person")
    assert made.returncode == 0, made.stderr
    assert run(data, "visit", "import", "2", str(silence)).returncode == 0
    result = run(data, "visit", "transcribe", "2")
    assert result.returncode == 0, result.stderr
    assert "casenotes: no speech was found in visit 2's recording (4 s), so there is nothing " \
           "to draft from. Check the recording plays and has voices on it, then import " \
           "another with 'casenotes visit import 2 FILE'" in result.stderr
    direct = run(data, "transcribe", str(silence))
    assert direct.returncode == 0
    assert "no speech was found in silence.wav (4 s). Check it plays and has voices on it, " \
           "or choose another recording." in direct.stderr
