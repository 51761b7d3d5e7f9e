"""Typed errors whose text is shown to the user as it stands.

Every message is one plain-English sentence or two: what is wrong, then what to do next.
The CLI prints it on one line and exits 2; the GUI shows it in a dialog.
"""


class TranscriptionError(Exception):
    """Base for problems the user can fix (bad file, missing model)."""


class AudioError(TranscriptionError):
    """The chosen file cannot be used as a recording."""


class ModelError(TranscriptionError):
    """A speech or language model is missing, incomplete or damaged."""


class TranscriptFormatError(TranscriptionError):
    """A transcript file does not have the Casenotes transcript shape."""
