"""The visit workflow over the encrypted vault: what `casenotes visit ...` and the GUI call.

`Services` does the computing (transcribe, draft); `Casework` keeps the record: every result
is stored in the vault before the event announcing it is yielded, so "completed" always
means "saved". Audio is read back from the vault and decoded in memory.
"""

from __future__ import annotations

import getpass
from collections.abc import Iterator
from dataclasses import replace
from datetime import datetime
from pathlib import Path
from typing import Any

import numpy as np

from app.casework_export import ExportPart
from app.services import Services, TranscriptionCompleted, TranscriptionEvent
from storage import practitioners, retention
from storage.errors import RecordError
from storage.fields import check_field
from storage.records import CaseRecord, Consent
from storage.strength import check_passphrase
from storage.vault import Vault
from summarise.draft import Draft
from summarise.drafter import DraftCompleted, DraftEvent
from summarise.easy_read import easy_read
from summarise.easy_read import render as render_easy_read
from summarise.easy_read import translate as translate_easy_read
from transcription.audio import decode_audio_bytes, probe_audio
from transcription.chunks import decode_chunks
from transcription.diarise import is_voice_group
from transcription.voice import VoiceProfile


class Casework(ExportPart):
    def __init__(self, services: Services, vault: Vault) -> None:
        self.services = services
        self.vault = vault
        self.record = CaseRecord(vault)

    # -- opening -------------------------------------------------------------------------
    @classmethod
    def init(cls, services: Services, passphrase: str, *, name: str | None = None,
             use_keyring: bool = True) -> tuple[Casework, str]:
        name = check_field(name, "your name") if name else None  # before anything is made
        vault, recovery_key = Vault.create(
            services.settings.paths, passphrase,
            use_keyring=use_keyring and services.policy.allow_keyring)
        work = cls(services, vault)
        work.apply_policy()
        work.record.ensure_profile(name or getpass.getuser(), "practitioner")
        return work, recovery_key

    @classmethod
    def unlock(cls, services: Services, *, passphrase: str | None = None,
               recovery_key: str | None = None, use_keyring: bool = True,
               run_retention: bool = True) -> Casework:
        vault = Vault.open(services.settings.paths, passphrase=passphrase,
                           recovery_key=recovery_key,
                           use_keyring=use_keyring and services.policy.allow_keyring)
        work = cls(services, vault)
        if vault.store is not None:  # not in a team lead's records store: nothing to delete
            work.apply_policy()
            if run_retention:
                work.run_retention()
        work.remove_interrupted_exports()
        return work

    def lock(self) -> None:
        self.vault.lock()

    # -- visits --------------------------------------------------------------------------
    def new_visit(self, case_ref: str, person: str, template: str, consent: Consent) -> int:
        self.services.template(template)  # an unknown template fails before anything is stored
        return self.record.create_visit(case_ref, person, template, consent)

    def start_visit(self, case_ref: str, person: str, template: str, consent: Consent,
                    recording: Path) -> int:
        """Check the recording decodes, then create the visit and store the recording.

        A file that is not usable audio is refused before anything is written.
        """
        self.services.template(template)
        probe_audio(recording)
        visit_id = self.record.create_visit(case_ref, person, template, consent)
        self.record.import_file(visit_id, recording)
        return visit_id

    def import_recording(self, visit_id: int, path: Path) -> int:
        """Check the file decodes, then copy it whole into the vault."""
        self.record.refuse_if_approved(visit_id)
        probe_audio(path)
        return self.record.import_file(visit_id, path)

    def recording_samples(self, recording_id: int) -> np.ndarray:
        codec, chunks = self.record.recording_audio(recording_id)
        if codec == "original":
            return decode_audio_bytes(b"".join(chunks), f"recording {recording_id}")
        return decode_chunks(chunks, f"recording {recording_id}")

    def unfinished_recordings(self) -> list[dict[str, Any]]:
        """Recordings a crash or power cut interrupted: offer to recover them."""
        return self.record.unfinished_recordings()

    def recover_recording(self, recording_id: int) -> float:
        """Keep what an interrupted recording saved; return its length in seconds."""
        seconds = len(self.recording_samples(recording_id)) / 16_000
        self.record.finish_recording(recording_id, recovered=True)
        return seconds

    def transcribe(self, visit_id: int, *, model: str | None = None,
                   language: str | None = None, translate: bool = False
                   ) -> Iterator[TranscriptionEvent]:
        self.record.refuse_if_approved(visit_id)  # before minutes of work it could not keep
        recording_id = self.record.latest_recording(visit_id)
        audio = self.recording_samples(recording_id)
        vocabulary = self.vocabulary_for(visit_id)
        for event in self.services.transcribe_audio(audio, model=model, language=language,
                                                    translate=translate, vocabulary=vocabulary,
                                                    voice=self.voice_profile()):
            if isinstance(event, TranscriptionCompleted):
                settings = {"beam_size": self.services.settings.beam_size,
                            "vad": self.services.settings.vad, "translate": translate,
                            "vocabulary": len(vocabulary),
                            "language": language or self.services.settings.language}
                saved = self.record.save_transcript(visit_id, recording_id, event.transcript,
                                                    event.model, settings)
                event = replace(event, saved_id=saved)
            yield event

    def draft(self, visit_id: int, *, template: str | None = None,
              llm: str | None = None) -> Iterator[DraftEvent]:
        visit = self.record.visit(visit_id)
        transcript_id, transcript = self.record.transcript(visit_id)
        template_id = template or visit["template"]
        for event in self.services.draft(transcript, template_id, llm=llm,
                                         person_name=visit["person"]):
            if isinstance(event, DraftCompleted):
                settings = {"llm": llm or self.services.settings.llm,
                            "context": self.services.settings.llm_context,
                            "temperature": self.services.settings.llm_temperature}
                self.record.save_draft(visit_id, transcript_id, event.draft.to_dict(), settings)
            yield event

    def redraft_section(self, visit_id: int, section_id: str, *, llm: str | None = None
                        ) -> dict[str, Any]:
        """Write one section of the working note again; edits elsewhere are kept."""
        visit = self.record.visit(visit_id)
        note = self.record.note(visit_id)
        if note["status"] == "approved":
            raise RecordError("This note is approved and read-only. Amend it first.")
        _, transcript = self.record.transcript(visit_id)
        content = note["content"]
        redrafted = self.services.redraft_section(
            transcript, Draft.from_dict(content), section_id, llm=llm,
            person_name=visit["person"]).to_dict()
        resolutions = {(f["kind"], f["category"], tuple(f["citations"])): f.get("resolution")
                       for f in content.get("flags", [])}
        redrafted["flags"] = [dict(f, resolution=resolutions.get(
            (f["kind"], f["category"], tuple(f["citations"])))) for f in redrafted["flags"]]
        self.record.update_note(visit_id, redrafted)
        return redrafted

    def easy_read(self, visit_id: int, *, language: str | None = None,
                  llm: str | None = None) -> str:
        """The plain-English version of the approved note, for the person (optionally
        translated, which needs a capable language model)."""
        visit = self.record.visit(visit_id)
        note = self.record.note(visit_id)
        if note["status"] != "approved":
            raise RecordError("The easy-read version is made from the approved note. Approve "
                              "the note first.")
        segments = [s["text"] for s in (visit["transcript"] or {}).get("segments", [])]
        version = easy_read(note["content"], visit["person"], segments)
        if language:
            version = translate_easy_read(version, language, self.services.writer(llm))
        return render_easy_read(version, visit["person"])

    # -- review and approval -------------------------------------------------------------
    def visit(self, visit_id: int) -> dict[str, Any]:
        return self.record.visit(visit_id)

    def list_visits(self, *, state: str | None = None, search: str | None = None
                    ) -> list[dict[str, Any]]:
        visits = self.record.list_visits(state)
        if search:
            wanted = set(self.record.search(search))
            visits = [v for v in visits if v["id"] in wanted]
        return visits

    def resolve_flag(self, visit_id: int, flag: int, choice: str, reason: str = "") -> None:
        self.record.resolve_flag(visit_id, flag, choice, reason)

    def approve(self, visit_id: int, attestation: str) -> dict[str, Any]:
        return self.record.approve(visit_id, attestation)

    def amend(self, visit_id: int, reason: str) -> int:
        return self.record.amend(visit_id, reason)

    # -- what transcription knows about the room ------------------------------------------
    def vocabulary_for(self, visit_id: int) -> list[str]:
        """The practitioner's own terms and the visit's case's, for Whisper's hotwords."""
        case = self.record.visit(visit_id)["case"]
        terms = self.record.vocabulary(case)
        return sorted(set(terms["mine"]) | set(terms["case"]))

    def voice_profile(self) -> VoiceProfile | None:
        vector = self.record.voice_profile()
        return VoiceProfile(tuple(vector)) if vector else None

    def enrol_voice(self, audio: np.ndarray) -> None:
        """Keep the practitioner's voice profile (from 20 s or more of them alone)."""
        self.vault.require_owner("save a voice profile")  # before the analysis, not only after
        try:
            profile = VoiceProfile.enrol(audio)
        except ValueError as exc:
            raise RecordError(str(exc)) from None
        self.record.set_voice_profile(profile.to_list(), len(audio) / 16000)

    def correct_segment(self, visit_id: int, index: int, *, text: str | None = None,
                        speaker: str | None = None) -> None:
        self.record.correct_segment(visit_id, index, text=text, speaker=speaker)

    def name_speaker(self, visit_id: int, index: int, name: str) -> list[int]:
        """Say who spoke segment `index`; return the segments renamed. A voice group the split
        found ("Speaker 2", transcription/diarise.py) is one person, so naming one of its
        segments ("daughter") names them all; any other label is a judgement about that one
        segment (a mislabelled line), so only it changes."""
        _, transcript = self.record.transcript(visit_id)
        if not 0 <= index < len(transcript.segments):
            self.record.correct_segment(visit_id, index, speaker=name)  # its plain error
            return [index]
        old = transcript.segments[index].speaker
        same = [i for i, s in enumerate(transcript.segments) if s.speaker == old] \
            if is_voice_group(old) else [index]
        for i in same:
            self.record.correct_segment(visit_id, i, speaker=name)
        return same

    # -- profiles ------------------------------------------------------------------------
    def whoami(self) -> dict[str, Any]:
        return self.record.whoami()

    def profiles(self) -> list[dict[str, Any]]:
        return self.record.profiles()

    def add_profile(self, name: str, role: str, passphrase: str) -> int:
        """A colleague or team lead on this device, unlocking with their own passphrase."""
        check_passphrase(passphrase)
        profile_id = self.record.add_profile(name, role)
        self.vault.set_member_passphrase(profile_id, passphrase)
        return profile_id

    def set_profile_passphrase(self, name: str, passphrase: str) -> int:
        """Give a colleague or team lead a passphrase again (theirs was forgotten, or `rekey`
        removed it); owner only. A practitioner's slot then opens a casework database of their
        own: return how many of their visits stay in the owner's, where an older Casenotes
        kept them (storage/vault_keys.py says why they cannot be moved)."""
        check_passphrase(passphrase)
        profiles = self.profiles()
        found = [p for p in profiles[1:] if p["name"] == " ".join(name.split())]
        if not found:
            raise RecordError(f"There is no colleague's profile called {name}. List them with "
                              "'casenotes profile list'.")
        profile_id = int(found[0]["id"])
        self.vault.set_member_passphrase(profile_id, passphrase)
        return int(self.vault.run(lambda conn: conn.execute(
            "SELECT count(*) FROM visits WHERE practitioner_id = ?",
            (profile_id,)).fetchone()[0]))

    # -- vault care ----------------------------------------------------------------------
    def verify_audit(self) -> list[str]:
        """Problems with the audit log: a broken chain, or (from its anchor) entries missing
        from its end; empty when it is intact."""
        report = self.audit_report()
        return report["chain"] + report["end"]

    def audit_report(self) -> dict[str, list[str]]:
        """The chain's problems (an entry altered or removed) and the anchor's (entries
        missing from the end, or the vault rolled back), apart."""
        return {"chain": self.record.verify_audit(), "end": self.vault.anchor_problems()}

    def accept_audit_log(self) -> list[str]:
        """Accept a shortened log as it stands (owner only, audited); return what was lost."""
        return self.vault.accept_log()

    def history(self, visit_id: int | None = None) -> list[dict[str, Any]]:
        return self.record.history(visit_id)

    def run_retention(self, now: datetime | None = None) -> dict[str, int]:
        """Apply the retention periods; the owner's session applies them to every
        practitioner's casework too (storage/practitioners.py: `retain`). What was deleted."""
        done = self.vault.run(lambda conn: retention.run(conn, now))
        vault = self.vault
        if vault.is_owner and vault.store is not None and vault.slots.custodians():
            actor = self.record.actor()
            theirs = vault.run(lambda conn: practitioners.retain(
                vault.paths, vault.slots, vault.key, conn, actor, now))
            done = {name: done[name] + theirs[name] for name in done}
        return done

    def apply_policy(self) -> None:
        """Put the organisation's retention periods into the vault (audited when they change),
        before retention runs."""
        policy = self.services.policy
        if not policy.retention:
            return
        current = self.vault.run(retention.policy)
        changes = {k: v for k, v in policy.retention.items() if current.get(k) != v}
        if changes:
            self.vault.run(lambda conn: retention.set_policy(
                conn, f"policy file {policy.source}", **changes))

    def retention_policy(self, **days: int) -> dict[str, int]:
        """The retention periods in days; with arguments, change them first (audited).
        Periods the organisation's policy file sets cannot be changed here."""
        governed = sorted(set(days) & set(self.services.policy.retention))
        if governed:
            raise RecordError(f"The {' and '.join(governed)} retention period is set by "
                              f"{self.services.policy.describe()}. Ask IT to change it there.")
        if days:
            self.vault.require_owner("change the retention periods")
            actor = self.record.actor()
            changed = self.vault.run(lambda conn: retention.set_policy(conn, actor, **days))
            self.vault.publish()
            return changed
        return self.vault.run(retention.policy)

    def backup(self, out: Path) -> Path:
        return self.vault.backup(out)

    def change_passphrase(self, new_passphrase: str) -> None:
        self.vault.change_passphrase(new_passphrase)

    def rekey(self, passphrase: str) -> str:
        return self.vault.rekey(passphrase)

    @classmethod
    def restore(cls, services: Services, backup: Path, *, passphrase: str | None = None,
                recovery_key: str | None = None, use_keyring: bool = True,
                older: bool = False) -> Casework:
        """Put a backup in place; the vault it replaces is kept in `vault.replaced`."""
        return cls(services, Vault.restore(
            services.settings.paths, backup, passphrase=passphrase, recovery_key=recovery_key,
            use_keyring=use_keyring and services.policy.allow_keyring, older=older))
