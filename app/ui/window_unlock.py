"""The main window's unlocking part: set-up, unlock, what happens on entering (retention,
recovery of an interrupted recording, the integrity check, loading Whisper), and locking."""

from __future__ import annotations

from app.casework import Casework
from app.qt import QMessageBox, Qt
from app.ui.jobs import Job
from app.ui.recovery_key import RecoveryKeyDialog
from app.ui.window_base import WindowBase
from app.ui.words import plural
from storage import keyring_store
from storage.errors import VaultLocked, VaultMissing


def no_keyring(allowed: bool) -> str:
    """Why set-up cannot keep a keyring slot here, for the set-up page's box (empty: it can).
    The probe is one read from the OS keyring (a local service, never the network)."""
    if not allowed:
        return ("Your organisation's policy does not allow the login keyring, so Casenotes "
                "asks for your passphrase each time it opens.")
    if not keyring_store.available():
        return ("No login keyring is working on this computer (none is running, or it is "
                "locked), so Casenotes will ask for your passphrase each time it opens.")
    return ""


class UnlockPart(WindowBase):
    def try_keyring_unlock(self) -> None:
        """At start: open silently through the keyring if possible, else ask."""
        self.stack.setCurrentWidget(self.unlock_page)
        try:
            self.enter(Casework.unlock(self.services))
        except VaultMissing:
            self.unlock_page.show_setup(no_keyring(self.services.policy.allow_keyring))
        except VaultLocked:
            self.unlock_page.show_unlock()
        except Exception as exc:  # noqa: BLE001 - e.g. a damaged vault: say so on the page
            self.unlock_page.show_unlock(" ".join(str(exc).split()))

    def on_unlock_requested(self, secret: str, is_recovery: bool) -> None:
        services = self.services

        def work():  # type: ignore[no-untyped-def]
            yield (Casework.unlock(services, recovery_key=secret) if is_recovery else
                   Casework.unlock(services, passphrase=secret, use_keyring=False))
        self._start(Job(work).on_success(self.enter)
                    .on_failure(self.unlock_page.show_error), quiet=True)

    def on_setup_requested(self, name: str, passphrase: str, use_keyring: bool) -> None:
        services = self.services

        def work():  # type: ignore[no-untyped-def]
            yield Casework.init(services, passphrase, name=name, use_keyring=use_keyring)

        microphone = self.unlock_page.chosen_microphone()

        def created(result: tuple[Casework, str]) -> None:
            session, recovery_key = result
            if microphone:
                settings = self.services.settings.updated(input_device=microphone)
                settings.save()
                self.services.settings = settings
            RecoveryKeyDialog(recovery_key, self,
                              keyring=self._keyring_said(session, use_keyring)).exec()
            self.enter(session)
        self._start(Job(work).on_success(created).on_failure(self.unlock_page.show_error),
                    quiet=True)

    def _keyring_said(self, session: Casework, asked: bool) -> str:
        """What came of the set-up page's keyring box, so a tick that made nothing says so."""
        if not asked:
            return ""
        if not self.services.policy.allow_keyring:
            return ("Your organisation's policy does not allow the login keyring, so "
                    "Casenotes asks for your passphrase each time it opens.")
        if session.vault.slots.has("keyring"):
            return ("Your login keyring now opens Casenotes on this computer while you are "
                    "logged in; the passphrase and this key still work.")
        return ("The login keyring could not be used on this computer (none is running, or "
                "it refused), so Casenotes asks for your passphrase each time it opens.")

    def enter(self, session: Casework) -> None:
        self.session = session
        me = session.whoami()
        self.role = me["role"]
        self.setWindowTitle(f"Casenotes: {me['name']}")
        self.stack.setCurrentIndex(1)
        self.refresh_visits()
        self.idle.start()
        self._refresh_actions()
        self.statusBar().showMessage("Unlocked. Everything stays on this computer, encrypted.")
        if self.services.policy.problems:
            QMessageBox.warning(self, "Policy file problem",
                                "\n\n".join(self.services.policy.problems))
        self._check_vault(session)
        self._offer_recovery(session)
        if self.role == "practitioner":
            self._warm_up()

    def _warm_up(self) -> None:
        """Load Whisper on the model thread straight after unlocking, while the practitioner
        reads the screen: the first recording or import then starts at once, and the one
        hiccup loading costs (CTranslate2 holds Python's lock for about 80 ms of it) falls
        here rather than in the middle of their work."""
        services = self.services
        self.warmed = False

        def work():  # type: ignore[no-untyped-def]
            yield services.transcriber()

        def done() -> None:
            self.warmed = True
        self.warm_job = Job(work).on_finished(done).start()

    def _offer_recovery(self, session: Casework) -> None:
        """After a crash or power cut: keep what an interrupted recording saved."""
        unfinished = session.unfinished_recordings()
        if not unfinished:
            return
        count = len(unfinished)
        box = QMessageBox(QMessageBox.Icon.Question, "Recover recording",
                          f"{plural(count, 'recording was', 'recordings were')} interrupted "
                          "(the app or the laptop stopped while recording). Everything saved "
                          "up to the last few seconds is safe in the vault. Recover "
                          f"{'them' if count != 1 else 'it'} now?",
                          QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.No, self)
        box.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)

        def answered(button: int) -> None:
            if button == QMessageBox.StandardButton.Yes and self.session is session:
                seconds = sum(session.recover_recording(r["id"]) for r in unfinished)
                self.refresh_visits()
                self.statusBar().showMessage(f"Recovered {seconds:.0f} s of audio. Open the "
                                             "visit to transcribe it.")
        box.finished.connect(answered)
        self.recovery_box = box
        box.open()

    def _check_vault(self, session: Casework) -> None:
        """Check every page of the vault in the background; warn at once if any is damaged."""
        def work():  # type: ignore[no-untyped-def]
            yield session.vault.check_integrity() + [f"audit log: {p}"
                                                     for p in session.verify_audit()]

        def report(problems: list[str]) -> None:
            if problems:
                self.show_error("The vault is damaged (" + problems[0] + "). Stop using it and "
                                "restore your latest backup ('casenotes restore BACKUP').")
        self.integrity_job = Job(work).on_success(report).start()

    def on_lock(self) -> None:
        if self.session is None:
            return
        if self.job:
            self.job.cancel()
            from app.ui.jobs import model_pool
            model_pool().waitForDone(10_000)
        if self.export_dialog is not None:
            if self.export_dialog.job:
                self.export_dialog.job.cancel()
                from app.ui.jobs import model_pool
                model_pool().waitForDone(10_000)
            self.export_dialog.done(0)
            self.export_dialog = None
        self.draft_panel.editor.flush()  # nothing typed is lost when the vault locks
        self.player.set_recording(None, 0.0)
        self.session.lock()
        self.session, self.visit_id, self.transcript, self.draft = None, None, None, None
        self.transcript_panel.clear("Transcript")
        self.draft_panel.start("", 0)
        self.visits_panel.set_visits([])
        self.idle.stop()
        self.unlock_page.show_unlock()
        self.stack.setCurrentWidget(self.unlock_page)
        self.setWindowTitle("Casenotes")  # the title bar and taskbar no longer name anyone
        self._refresh_actions()
        self.statusBar().showMessage("Locked.")

