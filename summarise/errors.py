"""Typed errors whose text is shown to the user as it stands (plain English, next step)."""


class DraftError(Exception):
    """Base for problems the user can fix while drafting."""


class TemplateError(DraftError):
    """A template id is unknown or a template file is malformed."""


class LlmError(DraftError):
    """A GGUF language model is missing, damaged or unusable."""
