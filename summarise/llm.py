"""The llama.cpp writer: rewrites one piece of evidence as one note sentence.

Prompts hold a single statement, so even a 135M model with a 2k context works, and a larger
GGUF the user points at simply writes better. The drafter verifies every sentence this
returns against its evidence and falls back to the extractive writer when it does not hold.

Thread-safety: a LlamaWriter is used from one thread at a time. Loading costs a second or
more, so the services keep one per model path.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from typing import Any

from summarise.errors import LlmError
from summarise.models import LlmRef, check_gguf
from summarise.speakers import Voice

_SYSTEM = ("You write UK social care case notes. Rewrite the statement as one short sentence "
           "in the third person for the note. Keep every fact, name, number and 'not' exactly "
           "as said. Add nothing that was not said.")
_FEW_SHOT = (
    'Statement by Mrs Smith: "I can\'t get up the stairs any more, so I sleep downstairs."\n'
    "Case note: Mrs Smith said she cannot get up the stairs any more, so she sleeps "
    "downstairs.\n"
    'Statement by Mr Khan: "My son does my shopping on Saturdays."\n'
    "Case note: Mr Khan said his son does his shopping on Saturdays.\n")
_MAX_TOKENS = 72


class LlamaWriter:
    def __init__(self, ref: LlmRef, *, n_ctx: int = 2048, threads: int = 0,
                 temperature: float = 0.1, seed: int = 7) -> None:
        check_gguf(ref.path)
        from llama_cpp import Llama

        self.name = ref.name
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

    def _fits(self, prompt: str) -> bool:
        tokens = self._llm.tokenize(prompt.encode("utf-8"), add_bos=True)
        return len(tokens) + _MAX_TOKENS + 64 <= self.n_ctx
