"""Note templates are data: TOML files with sections, guidance and cue words.

Bundled templates live in resources/templates/; a user's own templates (same shape) live in
the data folder's ``templates/`` and override bundled ones with the same id.
"""

from __future__ import annotations

import tomllib
from dataclasses import dataclass
from pathlib import Path

import resources
from summarise.errors import TemplateError

DEFAULT_TEMPLATE = "home-visit"


@dataclass(frozen=True)
class SectionSpec:
    id: str
    title: str
    guidance: str
    cues: tuple[str, ...]
    # Accepted in older template files; sections are no longer capped (summarise.placing).
    max_sentences: int = 4
    # The practitioner's own impression and advice belong here (summarise.clinical): the
    # health check's "Plan and safety-netting"
    practitioner: bool = False
    # Only what the person does not have or denies belongs here (the health check's "What was
    # checked and ruled out"): a positive finding never lands in it
    denials: bool = False


@dataclass(frozen=True)
class Template:
    id: str
    title: str
    description: str
    sections: tuple[SectionSpec, ...]
    # Speaker labels that name the person the note is about, beyond "person"/"client": in a
    # carer's assessment the speaker labelled "carer" is the one assessed.
    person_labels: tuple[str, ...] = ()


def load_template_file(path: Path) -> Template:
    """Parse and validate one template file, naming the first problem in plain English."""
    def bad(detail: str) -> TemplateError:
        return TemplateError(f"The template file {path.name} is not valid: {detail}. "
                             "Fix it, or remove it to use the bundled templates.")

    try:
        data = tomllib.loads(path.read_text(encoding="utf-8"))
    except UnicodeDecodeError:
        raise bad("it is not a text file") from None
    except tomllib.TOMLDecodeError as exc:
        raise bad(f"it is not valid TOML ({exc})") from None
    for key in ("id", "title"):
        problem = _text_problem(data, key, path.stem if key == "id" else None)
        if problem:
            raise bad(f"its {problem}" if key in data else f'it has no "{key}"')
    raw_sections = data.get("sections")
    if not isinstance(raw_sections, list) or not raw_sections:
        raise bad("it has no [[sections]]")
    sections = []
    seen: set[str] = set()
    for n, raw in enumerate(raw_sections, start=1):
        if not isinstance(raw, dict):
            raise bad(f"section {n} is not a table")
        for key in ("id", "title"):
            problem = _text_problem(raw, key, None)
            if problem:
                raise bad(f"section {n}'s {problem}" if key in raw else
                          f'section {n} has no "{key}"')
        if raw["id"] in seen:
            raise bad(f'two sections have the id "{raw["id"]}"')
        seen.add(raw["id"])
        cues = raw.get("cues", [])
        if not isinstance(cues, list) or not all(isinstance(c, str) for c in cues):
            raise bad(f'section {n} has "cues" that are not a list of words')
        max_sentences = raw.get("max_sentences", 4)
        if not isinstance(max_sentences, int) or not 1 <= max_sentences <= 20:
            raise bad(f'section {n} has "max_sentences" outside 1 to 20')
        flags = {key: raw.get(key, False) for key in ("practitioner", "denials")}
        for key, value in flags.items():
            if not isinstance(value, bool):
                raise bad(f'section {n} has "{key}" that is not true or false')
        sections.append(SectionSpec(raw["id"], raw["title"], str(raw.get("guidance", "")),
                                    tuple(cues), max_sentences, flags["practitioner"],
                                    flags["denials"]))
    person_labels = data.get("person_labels", [])
    if not isinstance(person_labels, list) or not all(isinstance(x, str) for x in person_labels):
        raise bad('"person_labels" is not a list of speaker labels')
    return Template(data["id"], data["title"], str(data.get("description", "")),
                    tuple(sections), tuple(x.strip().lower() for x in person_labels))


def _text_problem(table: dict[str, object], key: str, file_id: str | None) -> str | None:
    """What is wrong with a key that must be text, said so it can be put right (a number or a
    list where text belongs, or only spaces); None when it is fine. A template's own id must
    be its file's name, `file_id`."""
    value = table.get(key)
    if isinstance(value, str):
        return None if value.strip() else f'"{key}" is empty'
    if value is None:
        return f'"{key}" is missing'
    scalar = isinstance(value, int | float | bool)
    kind = {bool: "true or false", int: "a number", float: "a number", list: "a list",
            dict: "a table"}.get(type(value), "not text")
    shown = f"{value!r} ({kind})" if scalar else kind
    example = file_id or (str(value).lower() if scalar else "...")
    return f'"{key}" is {shown}, not text: write it in quotes, e.g. {key} = "{example}"'


def template_files(user_dir: Path | None = None) -> dict[str, Path]:
    """Map template id (the file's stem) to its file; user files override bundled ones."""
    files = {p.stem: p for p in sorted(resources.path("templates").glob("*.toml"))}
    if user_dir and user_dir.is_dir():
        files.update({p.stem: p for p in sorted(user_dir.glob("*.toml"))})
    return files


def load_template(template_id: str, user_dir: Path | None = None) -> Template:
    files = template_files(user_dir)
    if template_id not in files:
        raise TemplateError(f"There is no template called '{template_id}'. Choose one of: "
                            f"{', '.join(sorted(files))}.")
    template = load_template_file(files[template_id])
    if template.id != template_id:
        raise TemplateError(f"The template file {files[template_id].name} says its id is "
                            f"'{template.id}'; rename the file or fix its id so they match.")
    return template
