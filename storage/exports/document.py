"""An approved note as an export document: the plain data every format is rendered from.

The shape is the one `resources/schemas/export.schema.json` documents (one object per note):
sections, agreed actions, the risks that were considered and how, the approval, and the
provenance statement that every format prints.
"""

from __future__ import annotations

from typing import Any

from storage.exports.emphasis import plain
from storage.exports.redact import Redactor

EXPORT_FORMAT = "casenotes-export"
EXPORT_VERSION = 1


def writer_label(model: str | None) -> str:
    """The writer as a record names it: "the extractive writer, no language model" for the
    rule-based draft (stored as "extractive (no language model)"), else the model's name."""
    if not model:
        return "a local model"
    return "the extractive writer, no language model" if model.startswith("extractive") \
        else model


def provenance_statement(note: dict[str, Any], template_title: str) -> str:
    model = writer_label(note.get("model"))
    approval = note["approval"]
    text = (f"Drafted with AI assistance ({model}, template: {template_title}); reviewed and "
            f"approved by a practitioner, {approval['by']}, on {approval['at'][:10]} at "
            f"{approval['at'][11:16]} UTC. Note version {note['version']}.")
    amendment = note.get("amendment")
    if amendment:
        text += (f" Amended (version {note['version']}): {amendment['reason']}; it replaces "
                 f"version {amendment['amends_version']}.")
    return text


def build_document(note: dict[str, Any], template_title: str, *, redact: bool = False,
                   app_version: str = "") -> dict[str, Any]:
    """One export object from an approved note (as `CaseRecord.approved_notes` gives it)."""
    content = note["content"]
    sections = []
    for s in content.get("sections", []):
        formatted = " ".join(x["text"].strip() for x in s.get("sentences", []))
        section = {"id": s["id"], "title": s["title"], "text": plain(formatted)}
        if formatted != section["text"]:
            section["formatted"] = formatted   # the practitioner's bold and italic
        sections.append(section)
    actions = [{"text": a["text"], "owner": a.get("owner", ""), "due": a.get("due")}
               for a in content.get("actions", [])]
    risks = [{"category": f.get("category", ""),
              "decision": (f.get("resolution") or {}).get("choice", ""),
              "reason": (f.get("resolution") or {}).get("reason", "")}
             for f in content.get("flags", []) if f.get("kind") == "risk"]
    if redact:
        texts = [s["text"] for s in sections] + [a["text"] for a in actions] + \
            [r["reason"] for r in risks]
        mask = Redactor.for_note(note["person"], texts)
        for s in sections:
            s["text"] = mask(s["text"])
            if "formatted" in s:
                s["formatted"] = mask(s["formatted"])
        for a in actions:
            a["text"] = mask(a["text"])
        for r in risks:
            r["reason"] = mask(r["reason"])
    approval = note["approval"]
    return {
        "note_id": note["note_id"], "visit_id": note["visit_id"], "case": note["case"],
        "person": note["person"], "visit_date": note["visit_date"],
        "template": note["template"], "template_title": template_title,
        "practitioner": note["practitioner"], "version": note["version"],
        "amendment": note.get("amendment"),
        "sections": sections, "actions": actions, "risks_considered": risks,
        "approval": {"by": approval["by"], "at": approval["at"],
                     "attestation": approval["attestation"]},
        "provenance": {
            "statement": provenance_statement(note, template_title),
            "ai_assisted": True, "model": note.get("model") or "",
            "template": note["template"], "edited_share": note.get("edited_share"),
            "content_hash": approval["content_hash"],
            "app": f"Casenotes {app_version}".strip()},
        "redacted": redact,
    }


def full_text(doc: dict[str, Any]) -> str:
    """The note as headed plain text (what the txt format and a CSV 'note' cell hold)."""
    parts = []
    for section in doc["sections"]:
        parts.append(f"{section['title']}\n{section['text'] or 'Nothing recorded.'}")
    if doc["actions"]:
        parts.append("Agreed actions\n" + "\n".join(f"- {action_line(a)}"
                                                    for a in doc["actions"]))
    return "\n\n".join(parts)


def action_line(action: dict[str, Any]) -> str:
    """"Phone the GP. (practitioner, by Friday)": who is to do it, as the practitioner left
    it, and when."""
    who = [action["owner"]] if action.get("owner") else []
    who += [f"by {action['due']}"] if action.get("due") else []
    return f"{action['text']} ({', '.join(who)})" if who else action["text"]


def title_of(doc: dict[str, Any]) -> str:
    return f"{doc['template_title']}: {doc['person']} ({doc['case']}), {doc['visit_date']}"
