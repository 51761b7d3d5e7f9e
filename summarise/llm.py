"""The llama.cpp writer: rewrites one piece of evidence as one note sentence.

Prompts hold a single statement, so even a 135M model with a 2k context works, and a larger
GGUF the user points at simply writes better. The drafter verifies every sentence this
returns against its evidence and falls back to the extractive writer when it does not hold.

Thread-safety: a LlamaWriter is used from one thread at a time. Loading costs a second or
more, so the services keep one per model path.
"""

from __future__ import annotations

import json
import re
from collections.abc import Iterator
from typing import Any

from summarise.errors import LlmError
from summarise.model_facts import FactsCache
from summarise.models import LlmRef, check_gguf
from summarise.speakers import Voice

_SYSTEM = ("You write UK social care case notes. Rewrite the statement as one short sentence "
           "in the third person for the note. Keep every fact, name, number and 'not' exactly "
           "as said. Add nothing that was not said.")
# Worked examples for a base (completion) model. A chat model gets the instruction alone:
# given these as earlier turns, SmolLM2-135M rewrote 12 of 28 dev statements into sentences
# that verify, but dropped details (key facts 88% to 76%) and wrote one that verifies word for
# word yet reverses the meaning ("she cannot bring her daughter Priya's cooked meal on
# Sundays, so she works full-time"), which no word-overlap check can catch.
_EXAMPLES = (
    ("Mrs Smith", "I can't get up the stairs any more, so I sleep downstairs.",
     "Mrs Smith said she cannot get up the stairs any more, so she sleeps downstairs."),
    ("Mr Khan", "My son does my shopping on Saturdays.",
     "Mr Khan said his son does his shopping on Saturdays."),
)
_FEW_SHOT = "".join(f'Statement by {who}: "{said}"\nCase note: {note}\n'
                    for who, said, note in _EXAMPLES)
_MAX_TOKENS = 72
_SECTION_SYSTEM = (
    "You write UK social care case notes from numbered evidence. Write 1 to 4 short sentences "
    "in the third person for the section named. Use only the evidence: add no fact, name, "
    "number, action or opinion that is not in it. Give each sentence the evidence numbers it "
    "rests on.")
SECTION_SCHEMA = {
    "type": "object", "required": ["sentences"],
    "properties": {"sentences": {"type": "array", "maxItems": 4, "items": {
        "type": "object", "required": ["text", "citations"],
        "properties": {"text": {"type": "string"},
                       "citations": {"type": "array", "items": {"type": "integer"}}}}}}}
# chat models of about 0.5B parameters and up read the conversation window by window and write
# facts (summarise/model_facts.py); smaller ones only reword single statements
SECTION_MODE_BYTES = 400_000_000
# Qwen2.5 0.5B loops without one ("The worker noted that he had a stroke…" over and over)
REPEAT_PENALTY = 1.15


def parse_json(text: str) -> dict[str, Any] | None:
    """A JSON object, or, from one cut off mid-way, the complete {"text", "lines"} items."""
    try:
        data = json.loads(text)
        return data if isinstance(data, dict) else None
    except ValueError:
        items = []
        for match in re.finditer(r'\{\s*"text"\s*:\s*("(?:[^"\\]|\\.)*")\s*,\s*"lines"\s*:\s*'
                                 r"(\[[\d\s,]*\])\s*\}", text):
            items.append({"text": json.loads(match.group(1)), "lines": json.loads(match.group(2))})
        return {"facts": items} if items else None


class LlamaWriter:
    def __init__(self, ref: LlmRef, *, n_ctx: int = 2048, threads: int = 0,
                 temperature: float = 0.1, seed: int = 7) -> None:
        check_gguf(ref.path)
        from llama_cpp import Llama

        self.name = f"{ref.name}, SHA-256 {ref.sha256}"
        self.temperature = temperature
        try:
            self._llm = Llama(model_path=str(ref.path), n_ctx=n_ctx, n_threads=threads or None,
                              seed=seed, verbose=False)
        except (ValueError, RuntimeError, OSError) as exc:
            raise LlmError(f"The language model {ref.path.name} could not be loaded (it may be "
                           "damaged, or made for a newer llama.cpp). Choose another .gguf file, "
                           "or use --llm smollm2.") from exc
        self.n_ctx = n_ctx
        self.is_chat = bool(self._llm.metadata.get("tokenizer.chat_template"))
        self.too_long = 0  # statements that would not fit the context (written extractively)
        # Small models rewrite one statement at a time; larger chat models write sections.
        self.section_mode = self.is_chat and ref.path.stat().st_size >= SECTION_MODE_BYTES
        self.facts_cache = FactsCache()  # each window read once, during a recording or at Stop

    def translate(self, text: str, language: str) -> str:
        """One plain sentence into `language`, keeping names and numbers as they are."""
        result: Any = self._llm.create_chat_completion(
            [{"role": "system", "content": "Translate the user's sentence into "
              f"{language}. Keep it short and plain. Keep names and numbers exactly. Reply "
              "with the translation only."},
             {"role": "user", "content": text}],  # type: ignore[list-item]
            max_tokens=160, temperature=0.0)
        return str(result["choices"][0]["message"]["content"]).strip().splitlines()[0]

    def write_section(self, title: str, guidance: str, evidence: list[tuple[int, str, str]],
                      ) -> list[tuple[str, tuple[int, ...]]]:
        """(text, cited segment indexes) for one section, JSON-schema constrained."""
        lines = "\n".join(f"[{i}] {speaker}: {text}" for i, speaker, text in evidence)
        prompt = f"Section: {title}. {guidance}\nEvidence:\n{lines}"
        if not self._fits(_SECTION_SYSTEM + prompt):
            return []

        result: Any = self._llm.create_chat_completion(
            [{"role": "system", "content": _SECTION_SYSTEM},
             {"role": "user", "content": prompt}],  # type: ignore[list-item]
            max_tokens=400, temperature=self.temperature,
            response_format={"type": "json_object", "schema": SECTION_SCHEMA})
        try:
            data = json.loads(result["choices"][0]["message"]["content"])
            return [(str(s["text"]).strip(), tuple(int(c) for c in s["citations"]))
                    for s in data["sentences"] if str(s.get("text", "")).strip()]
        except (ValueError, KeyError, TypeError):
            return []

    def chat_json(self, messages: list[dict[str, str]], schema: dict[str, Any],
                  max_tokens: int) -> dict[str, Any] | None:
        """The model's answer to `messages` as JSON matching `schema` (grammar-constrained),
        or None when the prompt will not fit. An answer cut off at `max_tokens` keeps the
        complete items it had written."""
        if not self._fits(" ".join(m["content"] for m in messages), max_tokens):
            return None
        result: Any = self._llm.create_chat_completion(
            messages, max_tokens=max_tokens, temperature=0.0,  # type: ignore[arg-type]
            repeat_penalty=REPEAT_PENALTY, response_format={"type": "json_object",
                                                            "schema": schema})
        return parse_json(str(result["choices"][0]["message"]["content"]))

    def rewrite(self, statement: str, voice: Voice) -> str | None:
        """One note sentence, or None when the statement will not fit the context."""
        text = "".join(self.stream(statement, voice)).strip()
        text = re.sub(r"^(?:case note|note|sentence)\s*:\s*", "", text, flags=re.IGNORECASE)
        text = text.strip().strip('"').strip()
        return text.splitlines()[0].strip() if text else None

    def stream(self, statement: str, voice: Voice) -> Iterator[str]:
        """Yield the sentence token by token; stop iterating to cancel."""
        speaker = voice.subject
        if self.is_chat:
            messages = [{"role": "system", "content": _SYSTEM},
                        {"role": "user", "content": f'Statement by {speaker}: "{statement}"'}]
            if not self._fits(_SYSTEM + statement):
                return
            chunks: Iterator[Any] = self._llm.create_chat_completion(  # type: ignore[assignment]
                messages, max_tokens=_MAX_TOKENS,  # type: ignore[arg-type]
                temperature=self.temperature, stream=True, stop=["\n"])
            for chunk in chunks:
                content = chunk["choices"][0].get("delta", {}).get("content")
                if content:
                    yield content
        else:
            prompt = f'{_FEW_SHOT}Statement by {speaker}: "{statement}"\nCase note:'
            if not self._fits(prompt):
                return
            pieces: Iterator[Any] = self._llm.create_completion(  # type: ignore[assignment]
                prompt, max_tokens=_MAX_TOKENS, temperature=self.temperature, stream=True,
                stop=["\n", "Statement by"])
            for piece in pieces:
                yield piece["choices"][0]["text"]

    def _fits(self, prompt: str, answer_tokens: int = _MAX_TOKENS) -> bool:
        tokens = self._llm.tokenize(prompt.encode("utf-8"), add_bos=True)
        fits = len(tokens) + answer_tokens + 64 <= self.n_ctx
        self.too_long += not fits
        return fits

    def notices(self) -> list[str]:
        """What the drafter should tell the user about this model's part in the draft."""
        out = []
        if not self.is_chat:
            out.append(f"{self.name} is not a chat model (it has no chat template), so it "
                       "was given worked examples instead of instructions; expect the "
                       "extractive writer to word most sentences.")
        if self.too_long:
            out.append(f"{self.too_long} statement(s) were too long for the model's context "
                       f"({self.n_ctx} tokens) and were worded by the extractive writer. A "
                       "larger context (llm_context in settings) avoids this.")
        self.too_long = 0
        return out
