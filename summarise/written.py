"""Times, years and sums of money as a note writes them: "half eight" -> "8.30", "two in the
morning" -> "2am", "twenty sixteen" -> "2016", "forty quid" -> "£40".

Only forms that can mean nothing else are rewritten: an hour after "half" or before
"o'clock", a clock time after "at", "by", "from" or "till", a year of two number words, an
amount before "pounds", "quid" or "pence". "At seven" (an age as often as a time), "two to
three" (a range of counts) and "half an hour" are left as said. The verifier reads the
evidence through the same rewriting, so a sentence that says "8.30" is supported by "half
eight" and by nothing else.
"""

from __future__ import annotations

import re
from functools import lru_cache

_UNITS = {"one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7,
          "eight": 8, "nine": 9}
_TEENS = {"ten": 10, "eleven": 11, "twelve": 12, "thirteen": 13, "fourteen": 14,
          "fifteen": 15, "sixteen": 16, "seventeen": 17, "eighteen": 18, "nineteen": 19}
_TENS = {"twenty": 20, "thirty": 30, "forty": 40, "fifty": 50, "sixty": 60, "seventy": 70,
         "eighty": 80, "ninety": 90}
_HOURS = {**_UNITS, "ten": 10, "eleven": 11, "twelve": 12}

_UNIT = "|".join(_UNITS)
_TEEN = "|".join(_TEENS)
_TEN = "|".join(_TENS)
_HOUR = "|".join(_HOURS)
# 1-99 in words: "seven", "fourteen", "fifty-two", "fifty two"
_TWO_DIGITS = rf"(?:(?:{_TEN})(?:[- ](?:{_UNIT}))?|{_TEEN}|{_UNIT})"
# minutes of a clock time: "oh five", "fifteen", "fifty-two" (never a bare unit: "at seven
# two" is no time)
_MINUTES = rf"(?:oh[- ](?:{_UNIT})|(?:{_TEN})(?:[- ](?:{_UNIT}))?|{_TEEN})"
_AMOUNT = rf"(?:(?:a|one|{_UNIT}|{_TEEN}|{_TWO_DIGITS}) (?:hundred|thousand)" \
          rf"(?: and (?:{_TWO_DIGITS}))?|{_TWO_DIGITS}|a hundred|a thousand|\d+(?:,\d{{3}})*)"
# after a bare hour, words that make it a count, not a time: "half six hours", "from two to
# three times"
_COUNTED = r"(?!\s+(?:hours?|minutes?|mins?|days?|weeks?|months?|years?|times|stones?|pounds?|" \
           r"quid|pence|people|kids|children|of|percent|per|more|less|or|and a half)\b)"
_DAYPART = r"(?:\s+(?P<part>in the morning|in the afternoon|in the evening|at night|" \
           r"(?:a\.m\.|am|p\.m\.|pm)\b))?"


# words before an hour that make it a time: "I take two in the morning" is two tablets
_LEAD = r"(?:at|by|from|till|until|before|after|around|about|gone|since|past)"
# before "pounds", words that make it a weight: "I've lost about ten pounds"
_WEIGHT_RE = re.compile(r"\b(?:lost|lose|loses|losing|put on|gained|gain|weigh|weighs|weighed|"
                        r"weight|heavier|lighter|stones?)\b(?:\W+\w+){0,3}\W*$", re.IGNORECASE)


def _value(words: str) -> int:
    """"fifty-two" -> 52, "two hundred and forty" -> 240, "1,200" -> 1200."""
    words = words.lower().replace("-", " ").replace(",", "")
    if words.isdigit():
        return int(words)
    total = current = 0
    for word in words.split():
        if word == "and":
            continue
        if word in ("a", "one") and current == 0:
            current = 1
        elif word.isdigit():
            current += int(word)
        elif word == "hundred":
            current *= 100
        elif word == "thousand":
            total, current = total + current * 1000, 0
        elif word == "oh":
            continue
        else:
            current += _UNITS.get(word) or _TEENS.get(word) or _TENS.get(word, 0)
    return total + current


def _clock(hour: int, minutes: int, part: str | None) -> str:
    """8, 30, "in the morning" -> "8.30am"; 7, 0, None -> "7" (as in "4 till 7")."""
    text = f"{hour}.{minutes:02d}" if minutes else str(hour)
    if part:
        part = part.lower().replace(".", "")
        if part in ("am", "pm"):
            return text + part
        if part == "in the morning":
            return text + "am"
        if part == "at night":
            return text + ("am" if hour == 12 or hour < 5 else "pm")
        return text + "pm"
    return text


_PAST_TO_RE = re.compile(
    rf"\b(?P<m>half|quarter|five|ten|twenty|twenty[- ]five)\s+(?P<rel>past|to)\s+"
    rf"(?P<h>{_HOUR})\b{_COUNTED}{_DAYPART}", re.IGNORECASE)
# the British "half eight" (8.30), never "half eight hours" or "an hour and a half"
_HALF_RE = re.compile(rf"(?<!\band a )\bhalf\s+(?P<h>{_HOUR})\b{_COUNTED}{_DAYPART}",
                      re.IGNORECASE)
_OCLOCK_RE = re.compile(rf"\b(?P<h>{_HOUR})\s+o'clock\b{_DAYPART}", re.IGNORECASE)
# "at seven fifty-two", "by ten thirty", "from eleven fifteen"
_HOUR_MINUTES_RE = re.compile(
    rf"\b(?P<lead>{_LEAD})\s+(?P<h>{_HOUR})[- ]"
    rf"(?P<mm>{_MINUTES})\b{_COUNTED}{_DAYPART}", re.IGNORECASE)
# "two in the morning", "ten at night", "three in the afternoon": an hour with its part of day
# (after a word that makes it a time: "I take two in the morning" is two tablets)
_HOUR_PART_RE = re.compile(
    rf"\b(?P<lead>{_LEAD})\s+(?P<h>{_HOUR})\s+"
    rf"(?P<part>in the morning|in the afternoon|in the evening|at night)\b", re.IGNORECASE)
_HOUR_AMPM_RE = re.compile(rf"\b(?P<h>{_HOUR})\s*(?P<part>a\.m\.|am|p\.m\.|pm)(?!\w)",
                           re.IGNORECASE)
# "four till seven", "from six to eight": hours as a span
_SPAN_RE = re.compile(
    rf"(?P<from>\bfrom\s+)?\b(?P<a>{_HOUR})\s+(?P<rel>till|until|til|to)\s+(?P<b>{_HOUR})\b"
    rf"{_COUNTED}{_DAYPART}", re.IGNORECASE)
_YEAR_RE = re.compile(
    rf"\b(?P<c>nineteen|twenty)[- ](?P<y>(?:{_TEN})(?:[- ](?:{_UNIT}))?|{_TEEN}|oh[- ](?:{_UNIT}))"
    rf"\b(?!-\w|[- ](?:{_UNIT}|{_TEN}|hundred|thousand|years?|pounds?|quid|pence|p)\b)",
    re.IGNORECASE)
_THOUSAND_YEAR_RE = re.compile(
    rf"\btwo thousand(?: and)? (?P<y>{_TWO_DIGITS})\b"
    rf"(?![- ](?:{_UNIT}|{_TEN}|hundred|thousand|pounds?|quid|pence|p)\b)", re.IGNORECASE)
_MONEY_RE = re.compile(rf"(?<![£\w])(?P<n>{_AMOUNT})\s+(?P<unit>pounds?|quid)\b", re.IGNORECASE)
_PENCE_RE = re.compile(rf"(?<![£\w.])(?P<n>{_TWO_DIGITS}|\d+)\s+(?:pence|p)\b(?!\.\w)",
                       re.IGNORECASE)


def _past_to(match: re.Match[str]) -> str:
    m = match.group("m").lower().replace("-", " ")
    before = match.string[:match.start()]
    if match.group("rel").lower() == "to" and m not in ("quarter", "half") and (
            re.search(r"\b(?:from|between)\s+$", before, re.IGNORECASE) or not (
                match.group("part") or re.search(rf"\b(?:{_LEAD}|it's|it is|it was)\s+$",
                                                 before, re.IGNORECASE))):
        return match.group(0)  # "it takes five to ten", "from ten to twelve": no clock time
    minutes = {"half": 30, "quarter": 15, "five": 5, "ten": 10, "twenty": 20,
               "twenty five": 25}[m]
    hour = _HOURS[match.group("h").lower()]
    if match.group("rel").lower() == "to":
        if m == "half":
            return match.group(0)  # "half to" is no time
        hour, minutes = (hour - 1) or 12, 60 - minutes
    return _clock(hour, minutes, match.group("part"))


def _span(match: re.Match[str]) -> str:
    a, b = _HOURS[match.group("a").lower()], _HOURS[match.group("b").lower()]
    if match.group("rel").lower() == "to" and not match.group("from"):
        return match.group(0)  # "two to three" is as often a count as a time
    lead = match.group("from") or ""
    return f"{lead}{a} {match.group('rel')} {_clock(b, 0, match.group('part'))}"


def _money(match: re.Match[str]) -> str:
    if match.group("unit").lower().startswith("pound") and \
            _WEIGHT_RE.search(match.string[:match.start()]):
        return match.group(0)  # "lost ten pounds": a weight
    return f"£{_value(match.group('n')):,}"


@lru_cache(maxsize=16384)
def as_written(text: str) -> str:
    """The text with its spoken times, years and sums of money in figures."""
    if not re.search(r"\b(?:half|quarter|past|to|o'clock|at|by|from|till|until|gone|in|"
                     r"nineteen|twenty|thousand|pounds?|quid|pence|p|am|pm|a\.m)\b", text,
                     re.IGNORECASE):
        return text
    text = _MONEY_RE.sub(_money, text)
    text = _PENCE_RE.sub(lambda m: f"{_value(m.group('n'))}p", text)
    text = _THOUSAND_YEAR_RE.sub(lambda m: str(2000 + _value(m.group("y"))), text)
    text = _YEAR_RE.sub(lambda m: str((1900 if m.group("c").lower() == "nineteen" else 2000) +
                                      _value(m.group("y"))), text)
    text = _PAST_TO_RE.sub(_past_to, text)
    text = _HALF_RE.sub(lambda m: _clock(_HOURS[m.group("h").lower()], 30, m.group("part")),
                        text)
    text = _OCLOCK_RE.sub(lambda m: _clock(_HOURS[m.group("h").lower()], 0, m.group("part"))
                          if m.group("part") else f"{_HOURS[m.group('h').lower()]} o'clock",
                          text)
    text = _HOUR_MINUTES_RE.sub(
        lambda m: f"{m.group('lead')} " + _clock(_HOURS[m.group("h").lower()],
                                                 _value(m.group("mm")), m.group("part")), text)
    text = _HOUR_PART_RE.sub(lambda m: f"{m.group('lead')} " + _clock(
        _HOURS[m.group("h").lower()], 0, m.group("part")), text)
    text = _HOUR_AMPM_RE.sub(lambda m: _clock(_HOURS[m.group("h").lower()], 0, m.group("part")),
                             text)
    return _SPAN_RE.sub(_span, text)
