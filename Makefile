# Casenotes: `make run` and `make test` are all a fresh machine needs.
# The first run builds llama-cpp-python from source (about 5 minutes on 2 cores, once).

PYTHON ?= python3
VENV   := .venv
PY     := $(VENV)/bin/python
PIP    := $(PY) -m pip
NPROC  := $(shell nproc 2>/dev/null || echo 2)
# Every install comes from the lock files in packaging/lock, hash-checked (--require-hashes),
# build tools included; `make lock` regenerates them from pyproject.toml and the *.in files.
LOCK   := packaging/lock
LOCKED := $(PIP) install -q --require-hashes --no-build-isolation
# llama.cpp built for any x86-64 with AVX2, never -march=native: on a Sapphire Rapids CPU the
# native build takes llama.cpp's AMX path, which segfaults in its first decode
# (ggml-org/llama.cpp#20824; seen here on 2026-12-04 with SmolLM2 and Qwen2.5).
LLAMA_CMAKE := -DGGML_NATIVE=OFF -DGGML_AVX=ON -DGGML_AVX2=ON -DGGML_FMA=ON -DGGML_F16C=ON -DGGML_BMI2=ON
UV_COMPILE := $(VENV)/bin/uv pip compile -q --generate-hashes --python-version 3.11 \
              --python-platform x86_64-manylinux_2_34 --custom-compile-command "make lock"

# Debian packages: Qt's xcb platform plugin for the window; Xvfb, PulseAudio, dbus, gnome-keyring
# and LibriVox clips for the tests. Installed only when missing, and only where apt-get can run.
GUI_DEBS  := libegl1 libgl1 libfontconfig1 libxkbcommon0 libxkbcommon-x11-0 libdbus-1-3 \
             libxcb-cursor0 libxcb-icccm4 libxcb-keysyms1 libxcb-image0 libxcb-render-util0 \
             libxcb-shape0 libxcb-randr0 libxcb-xinerama0 libxcb-xkb1 fonts-dejavu-core libpulse0
# dbus + gnome-keyring: the keyring tests run a real Secret Service on a private session bus.
# pocketsphinx-testdata (BSD): LibriVox read-speech clips with their transcripts, real voices.
# espeak-ng: the speaker-split tests speak made-up three-voice visits with it.
# openbox + imagemagick: the walkthrough's window manager and its screenshots (`import`).
WALK_DEBS := $(GUI_DEBS) xvfb xauth xdotool openbox imagemagick
TEST_DEBS := $(WALK_DEBS) util-linux desktop-file-utils dbus-daemon gnome-keyring \
             poppler-utils pulseaudio pocketsphinx-testdata espeak-ng
# Real human speech for the tests, taken from the hash-checked pyannote-audio wheel (MIT).
FIXTURES := build/fixtures
REAL_SPEECH := $(FIXTURES)/pyannote-sample/sample.wav

.PHONY: run demo test bench lint lock screenshots walkthrough sample package gui-deps test-deps \
        clean

run: $(VENV)/.installed gui-deps
	$(VENV)/bin/casenotes gui

demo: $(VENV)/.installed
	$(VENV)/bin/casenotes demo

test: $(VENV)/.dev-installed test-deps $(REAL_SPEECH)
	$(VENV)/bin/ruff check app transcription summarise storage resources tests bench
	$(VENV)/bin/mypy
	@# pytest exits 5 when it collected no tests: that must fail CI, never pass it.
	QT_QPA_PLATFORM=offscreen $(PY) -m pytest; rc=$$?; \
	  if [ $$rc -eq 5 ]; then echo "make test: no tests were collected" >&2; exit 1; fi; \
	  exit $$rc

# the dev conversations are spoken by ../shared/tools/synth_conversation.py: espeak-ng and sox
bench: $(VENV)/.installed
	$(call ensure_debs,espeak-ng sox)
	$(PY) bench/asr.py --repeat 2

# The window's screens, offscreen, with the real models, as maximised on a 1366x768 screen
# (docs/screenshots/*.png) and on a 1024x600 one (docs/screenshots/1024x600/*.png)
screenshots: $(VENV)/.installed gui-deps
	QT_QPA_PLATFORM=offscreen $(PY) -m app.ui.screenshots docs/screenshots
	QT_QPA_PLATFORM=offscreen $(PY) -m app.ui.screenshots docs/screenshots/1024x600 1024x600

# The whole flow in the real window on an X server (Xvfb at 1366x768 with openbox), typed
# with xdotool as a person would, on a throwaway data folder: set-up, a visit from the sample,
# draft, flags, approval, export, lock; a screenshot per step in docs/screenshots/walkthrough/.
# tests/ui/test_walkthrough.py runs the same in `make test`.
walkthrough: $(VENV)/.installed
	$(call ensure_debs,$(WALK_DEBS))
	$(PY) -m tests.ui.walkthrough docs/screenshots/walkthrough

# The one-folder app bundle IT deploys (models included): dist/casenotes/. See docs/deployment.md.
# WITH_LLM=qwen2.5-0.5b,qwen2.5-1.5b adds those language models (0.49 GB, 1.12 GB); default none.
package: $(VENV)/.dev-installed
	$(PY) packaging/build.py $(if $(WITH_LLM),--with-llm $(WITH_LLM))

# Refresh the lock files after a change to pyproject.toml or packaging/lock/*.in (Linux x86-64,
# Python 3.11: the platform CI and the bundle are built on). Review the diff before committing.
lock: $(VENV)/.dev-installed
	$(UV_COMPILE) $(LOCK)/build.in -o $(LOCK)/build.txt
	$(UV_COMPILE) pyproject.toml -c $(LOCK)/build.txt -o $(LOCK)/run.txt
	$(UV_COMPILE) pyproject.toml --extra dev -c $(LOCK)/run.txt -o $(LOCK)/dev.txt
	$(UV_COMPILE) --no-deps $(LOCK)/no-deps.in -o $(LOCK)/no-deps.txt
	$(UV_COMPILE) --no-deps $(LOCK)/models.in -o $(LOCK)/models.txt
	$(UV_COMPILE) $(LOCK)/sample.in -c $(LOCK)/dev.txt -o $(LOCK)/sample.txt
	$(UV_COMPILE) --no-deps $(LOCK)/fixtures.in -o $(LOCK)/fixtures.txt

lint: $(VENV)/.dev-installed
	$(VENV)/bin/ruff check app transcription summarise storage resources tests bench
	$(VENV)/bin/mypy

$(VENV)/.installed: pyproject.toml $(LOCK)/build.txt $(LOCK)/run.txt $(LOCK)/no-deps.txt \
                    $(LOCK)/models.txt
	@test -x $(PY) || $(PYTHON) -m venv $(VENV)
	$(PIP) install -q --require-hashes -r $(LOCK)/build.txt
	CMAKE_BUILD_PARALLEL_LEVEL=$(NPROC) CMAKE_ARGS="$(LLAMA_CMAKE)" $(LOCKED) -r $(LOCK)/run.txt
	$(LOCKED) --no-deps -r $(LOCK)/no-deps.txt
	$(LOCKED) --no-deps -r $(LOCK)/models.txt
	$(PIP) install -q --no-deps --no-build-isolation -e .
	@# Join the Qwen2.5 GGUFs from their parts into the data folder's models/, SHA-256 checked
	@# (once: a stamp beside each file lets later runs skip the join and the re-hash).
	$(PY) -m summarise.models prepare
	@touch $@

$(VENV)/.dev-installed: $(VENV)/.installed $(LOCK)/dev.txt
	$(LOCKED) -r $(LOCK)/dev.txt
	@touch $@

define ensure_debs
	@missing=$$(for p in $(1); do dpkg -s $$p >/dev/null 2>&1 || echo $$p; done); \
	if [ -n "$$missing" ]; then \
	  if ! command -v apt-get >/dev/null; then \
	    echo "Please install these system packages: $$missing" >&2; \
	  elif [ "$$(id -u)" = 0 ]; then \
	    apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq $$missing; \
	  else \
	    sudo apt-get update -qq && sudo DEBIAN_FRONTEND=noninteractive apt-get install -y -qq $$missing; \
	  fi; \
	fi
endef

gui-deps:
	$(call ensure_debs,$(GUI_DEBS))

test-deps:
	$(call ensure_debs,$(TEST_DEBS))

# The wheel is only unpacked for its sample/ folder (sample.wav, .rttm, .stm); nothing of it is
# installed or imported.
$(REAL_SPEECH): $(LOCK)/fixtures.txt | $(VENV)/.installed
	rm -rf $(FIXTURES)/wheels $(FIXTURES)/unpacked
	$(PIP) download -q --no-deps --only-binary :all: --require-hashes -r $(LOCK)/fixtures.txt \
	  -d $(FIXTURES)/wheels
	$(PY) -m zipfile -e $(FIXTURES)/wheels/pyannote_audio-*.whl $(FIXTURES)/unpacked
	mkdir -p $(dir $@)
	cp $(FIXTURES)/unpacked/pyannote/audio/sample/sample.wav \
	  $(FIXTURES)/unpacked/pyannote/audio/sample/sample.rttm \
	  $(FIXTURES)/unpacked/pyannote/audio/sample/sample.stm $(dir $@)
	rm -rf $(FIXTURES)/wheels $(FIXTURES)/unpacked

# Re-speak the bundled sample from its script with the Piper neural voice (needs ../shared/tools,
# sox and flac; Piper and its voice come from packaging/lock/sample.txt, hash-checked). The
# practitioner speaks in Piper's "joe" voice, the person in the same voice shifted 4.5 semitones
# up and 5% faster (the shared tool's second speaker), so the two are easy to tell apart.
sample: $(VENV)/.installed
	$(call ensure_debs,sox flac)
	$(LOCKED) -r $(LOCK)/sample.txt
	cd resources/sample && ../../$(PY) ../../../shared/tools/synth_conversation.py home-visit.json \
	  home-visit /tmp/casenotes-sample.wav --engine piper && \
	  flac -s -8 -f /tmp/casenotes-sample.wav -o home-visit.flac && \
	  mv /tmp/casenotes-sample.wav.ref.json home-visit.ref.json && rm -f /tmp/casenotes-sample.wav

clean:
	rm -rf $(VENV) build dist *.egg-info .pytest_cache .mypy_cache .ruff_cache
