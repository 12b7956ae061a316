"""Read the quantified targets (chỉ tiêu) that a Vietnamese resolution states.

Pure Python, no Django, no network, no model: a tokenizer and a few small left-to-right scans.

How it reads a text:

1. `_tokenize` cuts the text into numbers, words, punctuation and line breaks in one pass of a
   regular expression with no nested quantifiers (linear time).
2. `_sentences` groups tokens into sentences (`.`/`!`/`?` followed by a space, or a line break), capped
   at `MAX_SENTENCE_TOKENS` tokens so that the work per sentence is bounded.
3. In each sentence `_SentenceReader` marks the numbers that are not targets (years and periods,
   dates, document numbers, list numbering, numbers in parentheses), then finds every value
   (number or range + unit), the cue words just before it (`đạt`, `trên`, `giảm xuống dưới`, ...),
   its indicator phrase, its year(s) and its kind.

A year stated at the head of a sentence (`Đến năm 2025, ...`) or of a list (`Mục tiêu đến năm 2030:`
followed by lines) applies to every target that states none of its own.
"""

from __future__ import annotations

import re
import unicodedata
from bisect import bisect_left
from collections.abc import Iterator
from dataclasses import dataclass, field
from decimal import Decimal, InvalidOperation
from itertools import pairwise
from typing import Any

__all__ = ["ExtractedTarget", "extract_targets", "parse_number"]

MAX_SENTENCE_TOKENS = 800
MAX_UNIT_CHARS = 60
MIN_YEAR = 1900
MAX_YEAR = 2100

# ---------------------------------------------------------------------------------------------
# Result
# ---------------------------------------------------------------------------------------------


def _json_number(value: float | None) -> int | float | None:
    """An int when the value is integral (14740), else a float (33.5); None stays None."""
    if value is None:
        return None
    if float(value).is_integer():
        return int(value)
    return float(value)


@dataclass(frozen=True)
class ExtractedTarget:
    """One quantified target read from the text, tied to the words it came from.

    `span` is the (start, end) character range of `text` in the original input; `lower`/`upper` are
    None for an open side; `year` is the target year, `start_year` the first year of a stated period,
    `base_year` the year a `ratio_to_base` target is compared with.
    """

    text: str
    span: tuple[int, int]
    indicator_text: str
    lower: float | None
    upper: float | None
    approximate: bool
    unit: str
    direction: str
    kind: str
    start_year: int | None
    year: int | None
    base_year: int | None

    def to_dict(self) -> dict[str, Any]:
        """The JSON object of the command's output (span as a 2-list, integral bounds as ints)."""
        return {
            "text": self.text,
            "span": [self.span[0], self.span[1]],
            "indicator_text": self.indicator_text,
            "lower": _json_number(self.lower),
            "upper": _json_number(self.upper),
            "approximate": self.approximate,
            "unit": self.unit,
            "direction": self.direction,
            "kind": self.kind,
            "start_year": self.start_year,
            "year": self.year,
            "base_year": self.base_year,
        }


# ---------------------------------------------------------------------------------------------
# Tokens
# ---------------------------------------------------------------------------------------------

NUM, WORD, PUNCT, NL = "num", "word", "punct", "nl"

# One alternative per token kind; no quantified group contains another quantifier that can match the
# same characters, so matching is linear. Repeated groups are capped so that a pathological run (a
# 1 MB "1.1.1...") becomes several glued tokens instead of one huge match. Words accept combining
# marks so that NFD text is read too.
_TOKEN_RE = re.compile(
    r"(?P<num>[0-9]+(?:[.,][0-9]+){0,12})"
    r"|(?P<word>(?:[^\W\d_]|[\u0300-\u036f]){1,64}(?:[0-9]{1,2}(?![0-9]))?)"
    r"|(?P<nl>[\n\r\u2028\u2029]+)"
    r"|(?P<space>[^\S\n\r\u2028\u2029]+)"
    r"|(?P<punct>.)",
    re.DOTALL,
)

DASHES = frozenset("-–—‑−")
_BULLETS = frozenset("-–—+•*·●○■□◦▪►✓")


class _Tok:
    """A token: its kind, its original text and character range, and a lower-case NFC key."""

    __slots__ = ("end", "key", "kind", "line_start", "start", "text")

    def __init__(self, kind: str, text: str, start: int, end: int, line_start: bool) -> None:
        self.kind = kind
        self.text = text
        self.start = start
        self.end = end
        self.line_start = line_start
        self.key = unicodedata.normalize("NFC", text).lower() if kind == WORD else text

    def __repr__(self) -> str:  # pragma: no cover - debugging aid
        return f"<{self.kind} {self.text!r} {self.start}>"


def _tokenize(text: str) -> Iterator[_Tok]:
    """Yield the tokens of `text` in order (spaces dropped, line breaks kept as NL tokens)."""
    line_start = True
    for match in _TOKEN_RE.finditer(text):
        kind = match.lastgroup or PUNCT
        if kind == "space":
            continue
        if kind == NL:
            yield _Tok(NL, "\n", match.start(), match.end(), False)
            line_start = True
            continue
        yield _Tok(kind, match.group(), match.start(), match.end(), line_start)
        line_start = False


def _sentences(tokens: Iterator[_Tok]) -> Iterator[list[_Tok]]:
    """Group tokens into sentences; a line break always ends one, and none exceeds the cap."""
    current: list[_Tok] = []
    pending_stop = False
    for tok in tokens:
        if pending_stop:
            pending_stop = False
            glued = current and current[-1].end == tok.start
            if not glued or tok.kind == NL:
                yield current
                current = []
        if tok.kind == NL:
            if current:
                yield current
                current = []
            continue
        current.append(tok)
        if (
            tok.kind == PUNCT
            and tok.text in ".!?…"
            and not _is_numbering_dot(current)
            and not _is_abbreviation_dot(current)
        ):
            pending_stop = True
        if len(current) >= MAX_SENTENCE_TOKENS:
            yield current
            current = []
            pending_stop = False
    if current:
        yield current


_ABBREVIATIONS = frozenset(
    {"tp", "tx", "tt", "q", "p", "ths", "ts", "gs", "pgs", "bs", "đ/c", "v.v"}
)


def _is_abbreviation_dot(current: list[_Tok]) -> bool:
    """`TP. Hải Phòng`, `PGS. TS.`: the dot of an abbreviation ends no sentence."""
    if len(current) < 2:
        return False
    prev = current[-2]
    return prev.kind == WORD and prev.end == current[-1].start and prev.key in _ABBREVIATIONS


def _is_numbering_dot(current: list[_Tok]) -> bool:
    """The dot of `II.`, `2.1.`, `a.` at the head of a line numbers a heading; it ends no sentence."""
    if len(current) != 2 or not current[0].line_start:
        return False
    first = current[0]
    if first.kind == NUM:
        return len(first.text) <= 5 and "," not in first.text
    return first.kind == WORD and (len(first.text) == 1 or bool(_ROMAN_RE.match(first.text)))


# ---------------------------------------------------------------------------------------------
# Lexicons (lower-case keys; multi-word entries are tuples of syllables)
# ---------------------------------------------------------------------------------------------


def _phrases(*items: str) -> frozenset[tuple[str, ...]]:
    return frozenset(tuple(item.split()) for item in items)


# Cue phrases that may stand just before a number, with what they say about the value.
_CUES: dict[tuple[str, ...], frozenset[str]] = {}


def _cue(roles: str, *items: str) -> None:
    for phrase in _phrases(*items):
        _CUES[phrase] = _CUES.get(phrase, frozenset()) | frozenset(roles.split())


_cue("verb", "đạt", "đạt mức", "đạt được", "chiếm", "là", "bằng", "ở mức", "mức", "có")
_cue("verb", "ổn định ở mức", "duy trì ở mức", "giữ ở mức", "ổn định", "duy trì", "giữ vững")
_cue(
    "verb", "lần lượt là", "lần lượt đạt", "lần lượt", "đạt tỷ lệ", "chiếm tỷ lệ", "chiếm tỷ trọng"
)
_cue("approx", "khoảng", "xấp xỉ", "gần", "vào khoảng", "chừng", "ước")
_cue("lower", "trên", "ít nhất", "tối thiểu", "không dưới", "không thấp hơn", "không ít hơn", "hơn")
_cue("lower", "cao hơn", "lớn hơn", "vượt", "vượt mức", "trên mức", "từ mức")
_cue("upper", "dưới", "không quá", "tối đa", "không vượt quá", "không vượt", "thấp hơn", "nhỏ hơn")
_cue("upper", "không cao hơn", "ít hơn", "dưới mức", "không lớn hơn")
_cue(
    "upper dec",
    "xuống dưới",
    "giảm xuống",
    "xuống",
    "còn",
    "giảm còn",
    "xuống còn",
    "giảm xuống còn",
)
_cue("upper dec", "xuống mức", "giảm xuống mức", "giảm xuống dưới", "hạ xuống")
_cue("dec", "giảm", "giảm bình quân", "giảm thêm", "giảm ít nhất", "kéo giảm")
_cue("inc", "tăng", "tăng lên", "lên", "nâng lên", "tăng thêm", "lên mức", "tăng lên mức")
_cue("avg", "bình quân", "trung bình", "hằng năm", "hàng năm", "mỗi năm", "bình quân hằng năm")
_cue("avg", "bình quân hàng năm", "bình quân mỗi năm", "bình quân/năm", "trung bình hằng năm")
_cue("ratio", "gấp", "tăng gấp", "gấp khoảng", "gấp trên", "gấp hơn")
_cue("from", "từ")
_cue("lower", "≥", ">", "⩾")
_cue("upper", "≤", "<", "⩽")
_cue("approx", "~", "≈")
_cue("neutral", "phấn đấu", "phải", "sẽ", "cần", "ở", "thêm", "tới", "đến", ":")
_cue("neutral", "tổng cộng", "tổng số", "lũy kế", "cộng dồn", "tổng")
_cue("verb", "giữ ổn định ở mức", "giữ ổn định", "giữ mức", "kiểm soát ở mức")
_cue("past", "đã", "đã đạt", "đã tăng", "đã giảm")
_CUES[("gấp", "trên")] = frozenset({"ratio", "lower"})
_CUES[("gấp", "hơn")] = frozenset({"ratio", "lower"})
_CUES[("gấp", "khoảng")] = frozenset({"ratio", "approx"})
_CUES[("giảm", "ít", "nhất")] = frozenset({"dec", "lower"})
_CUE_MAX = max(len(p) for p in _CUES)

# Words that close the run of cue words walking back from a number: a verb and what precedes it
# belong to the indicator (`tốc độ tăng trưởng bình quân đạt 7%` keeps `bình quân` in the indicator).
_STOPPING_ROLES = frozenset({"verb"})

_SCALES = frozenset({"nghìn", "ngàn", "triệu", "tỷ", "tỉ", "vạn", "trăm"})

# Units that measure (money, mass, area, …) rather than count things: they never name an indicator.
_MEASURE_UNITS = _phrases(
    "đồng",
    "usd",
    "đô la mỹ",
    "đô la",
    "đô-la mỹ",
    "euro",
    "tấn",
    "lượt",
    "lần",
    "tuổi",
    "ha",
    "héc ta",
    "hécta",
    "km",
    "m2",
    "m²",
    "m3",
    "m³",
    "km2",
    "km²",
    "kg",
    "mw",
    "kw",
    "kwh",
    "gw",
    "gwh",
    "mbps",
    "teu",
    "điểm",
    "bậc",
    "hạng",
    "phần trăm",
    "lít",
    "ngày làm việc",
)
# Units of measure and currencies, and the people and things counted as units, as token tuples
# (longest match wins).
_BASE_UNITS = _MEASURE_UNITS | _phrases(
    "người",
    "khách",
    "lao động",
    "giường bệnh",
    "bác sĩ",
    "thuê bao",
    "hộ",
)

# Counted nouns the extractor recognizes as whole (so that `khu công nghiệp` is not cut short).
_COUNTED_NOUNS = _phrases(
    "doanh nghiệp",
    "doanh nghiệp khoa học và công nghệ",
    "hợp tác xã",
    "khu công nghiệp",
    "cụm công nghiệp",
    "khu kinh tế",
    "khu đô thị",
    "xã",
    "phường",
    "thị trấn",
    "huyện",
    "quận",
    "thôn",
    "bản",
    "hộ",
    "hộ gia đình",
    "căn hộ",
    "căn nhà",
    "căn",
    "nhà ở",
    "trường",
    "trường học",
    "trường đại học",
    "bệnh viện",
    "giường bệnh",
    "giường",
    "bác sĩ",
    "dược sĩ",
    "điều dưỡng",
    "nhân viên y tế",
    "trạm y tế",
    "thuê bao",
    "lao động",
    "việc làm",
    "học sinh",
    "sinh viên",
    "cơ sở",
    "dự án",
    "sản phẩm",
    "sản phẩm ocop",
    "chi bộ",
    "đảng viên",
    "đảng viên mới",
    "tổ chức cơ sở đảng",
    "cán bộ",
    "khách",
    "du khách",
    "phòng",
    "buồng",
    "cảng",
    "bến",
    "tuyến",
    "xe",
    "tàu",
    "chuyến",
    "cây",
    "cây xanh",
    "công trình",
    "di tích",
    "làng nghề",
    "thư viện",
    "nhà văn hóa",
    "trung tâm",
    "sao",
    "đề tài",
    "sáng chế",
    "bằng sáng chế",
    "mô hình",
    "thương hiệu",
    "nhãn hiệu",
    "công ty",
    "tập đoàn",
    "trạm sạc",
    "cửa hàng",
    "chợ",
    "siêu thị",
    "hồ sơ",
    "thủ tục",
    "dịch vụ công",
    "xã đạt chuẩn nông thôn mới",
)
_ALL_UNIT_PHRASES = _BASE_UNITS | _COUNTED_NOUNS
_UNIT_MAX = max(len(p) for p in _ALL_UNIT_PHRASES)

# Words after a number that make it a duration or a date, not a quantity (`15 năm`, `tháng 12`).
_TIME_NOUNS = frozenset({"năm", "tháng", "ngày", "quý", "tuần", "giờ", "phút", "thập", "kỷ"})
_TIME_UNITS_WITH_CUE = frozenset({"năm", "tháng", "ngày", "giờ", "phút", "tuần"})

# Words right before a number that make it an identifier (`Nghị quyết 45`, `số 32`, `lần thứ 13`):
# two-word names of documents and bodies, and single words.
_ID_PREFIX_PAIRS = _phrases(
    "nghị quyết",
    "kết luận",
    "chỉ thị",
    "quyết định",
    "nghị định",
    "thông tư",
    "chương trình",
    "đề án",
    "công văn",
    "phụ lục",
    "tiêu chí",
    "đại hội",
    "hội nghị",
    "cách mạng",
)
_ID_PREFIX_SINGLE = frozenset(
    {"số", "thứ", "khóa", "khoá", "điều", "khoản", "mục", "chương", "tháng", "ngày", "quý", "tuần"}
) | frozenset({"top", "nhóm", "đợt", "phiên", "luật", "covid", "lệnh", "phần", "hình"})

# Words that may stand before a year to make a year expression (`đến năm`, `giai đoạn`, `cuối năm`).
_YEAR_LEADS = frozenset(
    {
        "năm",
        "đoạn",
        "kỳ",
        "đến",
        "tới",
        "vào",
        "cuối",
        "đầu",
        "giữa",
        "hết",
        "sau",
        "trước",
        "trong",
        "từ",
        "nhìn",
        "độ",
        "khóa",
    }
)
_YEAR_PREFIX_WORDS = frozenset(
    {
        "năm",
        "giai",
        "đoạn",
        "thời",
        "kỳ",
        "nhiệm",
        "niên",
        "độ",
        "đến",
        "tới",
        "vào",
        "cuối",
        "đầu",
        "giữa",
        "hết",
        "sau",
        "trước",
        "trong",
        "từ",
        "tầm",
        "nhìn",
        "cả",
        "của",
        "kế",
        "hoạch",
    }
)

# Words that end a counted noun taken from the text (they start the next part of the sentence).
_NOUN_STOP_TEXT = (
    "đạt được có là và hoặc với của cho trong trên dưới vào đến tới từ theo tại ở so trở lên "
    "xuống còn mỗi các những một này đó khi thì sẽ đã đang phải cần nhằm để bằng hơn nhất tăng "
    "giảm gấp khoảng năm tháng ngày quý tuần giai thời kỳ như sau trước nữa thêm mức bình quân "
    "hằng hàng trung tổng chiếm tối thiểu đa ít không vượt hoàn thành lại cùng tương ứng tỷ tỉ "
    "lệ nghìn triệu ngàn vạn trăm gồm bao toàn cả riêng thuộc về qua đi ra lần khóa khoá thứ "
    "đợt phiên nhiệm số"
)
_NOUN_STOP = frozenset(_NOUN_STOP_TEXT.split())

_SEPARATOR_WORDS = frozenset({"và", "hoặc", "cùng"})
_LEADING_CONNECTORS = _phrases(
    "trong đó",
    "trong đó có",
    "và",
    "đồng thời",
    "phấn đấu",
    "cụ thể",
    "cụ thể là",
    "mục tiêu",
    "mục tiêu cụ thể",
    "chỉ tiêu",
    "các chỉ tiêu",
    "chủ yếu",
    "riêng",
    "còn",
    "hoặc",
    "với",
    "nhằm",
    "để",
    "bảo đảm",
    "đảm bảo",
    "theo đó",
    "là",
    "hằng năm",
    "hàng năm",
    "mỗi năm",
)
_TRAILING_FILLERS = frozenset(
    {"là", "thì", "sẽ", "phải", "cần", "được", "có", "phấn", "đấu", "đạt", "và", "hoặc"}
)
_TONG_EXCLUDED_NEXT = frozenset({"sản", "kết", "thể", "hợp", "cục", "công", "điều", "quát", "bí"})
_ROMAN_RE = re.compile(r"^[IVXLC]{1,6}$")
_DATE_RE = re.compile(r"^[0-9]{1,2}[/-][0-9]{1,2}[/-][0-9]{2,4}$|^[0-9]{1,2}/[0-9]{4}$")
_ID_RE = re.compile(r"^[0-9]+(?:[/-][0-9]+)*[/-][A-ZĐ]|^[0-9]+/[0-9]+/")


# ---------------------------------------------------------------------------------------------
# Numbers
# ---------------------------------------------------------------------------------------------


def parse_number(text: str) -> Decimal | None:
    """Read a number written the Vietnamese way: `.` groups thousands, `,` marks decimals.

    `14.740` is 14740, `6,4` is 6.4, `1.000.000,5` is 1000000.5. A dot whose groups are not all three
    digits reads as a decimal point (`4.0`), and several commas in three-digit groups as thousands
    (`1,000,000`), because people type both. Returns None for something else.
    """
    if len(text) > 40:
        return None
    has_dot, has_comma = "." in text, "," in text
    try:
        if has_dot and has_comma:
            if text.rfind(",") > text.rfind("."):
                return Decimal(text.replace(".", "").replace(",", "."))
            return Decimal(text.replace(",", ""))
        if has_dot:
            groups = text.split(".")
            if all(len(g) == 3 for g in groups[1:]) and len(groups[0]) <= 3:
                return Decimal(text.replace(".", ""))
            if len(groups) == 2:
                return Decimal(text)
            return None
        if has_comma:
            groups = text.split(",")
            if len(groups) == 2:
                return Decimal(text.replace(",", "."))
            if all(len(g) == 3 for g in groups[1:]) and len(groups[0]) <= 3:
                return Decimal(text.replace(",", ""))
            return None
        return Decimal(text)
    except InvalidOperation:  # pragma: no cover - the tokenizer admits only digits and marks
        return None


def _year_value(tok: _Tok) -> int | None:
    """The year a token names (`2025`), or None: four plain digits between 1900 and 2100."""
    if tok.kind != NUM or len(tok.text) != 4 or not tok.text.isdigit():
        return None
    value = int(tok.text)
    return value if MIN_YEAR <= value <= MAX_YEAR else None


# ---------------------------------------------------------------------------------------------
# Sentence analysis
# ---------------------------------------------------------------------------------------------


@dataclass
class _YearExpr:
    """`đến năm 2025`, `giai đoạn 2021 - 2025`: the token range and the years it names."""

    first: int  # first token index (including lead words)
    last: int  # last token index
    year: int
    start_year: int | None
    role: str = "time"  # "time", "base" (compared with), "price" (price base), "ignored"


@dataclass
class _Value:
    """A number or range with its unit, cue words and tail, before indicator and year are known."""

    num_first: int  # index of the first number (or of `từ`)
    cue_first: int  # index of the first cue word (== num_first when there is none)
    last: int  # index of the last token of unit and tail
    low: Decimal
    high: Decimal
    unit: str
    unit_kind: str  # "percent", "measure", "noun", "scale"
    roles: set[str] = field(default_factory=set)
    bound: str = "exact"  # "exact", "lower", "upper"
    base_year: int | None = None
    base_stated: bool = False


@dataclass
class _Found:
    """A value placed in its sentence: segment, indicator and years resolved."""

    value: _Value
    seg_first: int
    ind_first: int | None
    ind_last: int | None
    clause_first: int = 0
    new_clause: bool = False
    sub: bool = False
    seg_end: int = 0
    indicator: str = ""
    text_first: int = 0
    year: int | None = None
    start_year: int | None = None


class _SentenceReader:
    """Find the targets of one sentence. Every pass is a bounded walk over the sentence's tokens."""

    def __init__(self, text: str, toks: list[_Tok]) -> None:
        self.text = text
        self.toks = toks
        self.n = len(toks)
        self.excluded = [False] * self.n
        self.in_parens = [False] * self.n
        self.years: list[_YearExpr] = []
        self.year_at: dict[int, _YearExpr] = {}

    # -- helpers -------------------------------------------------------------------------------

    def key(self, i: int) -> str:
        """The lower-case key of token i, or '' outside the sentence."""
        return self.toks[i].key if 0 <= i < self.n else ""

    def glued(self, i: int, j: int) -> bool:
        """Whether tokens i and j touch (no space between)."""
        return 0 <= i < self.n and 0 <= j < self.n and self.toks[i].end == self.toks[j].start

    def match_back(self, end: int, table: dict | frozenset, max_len: int, floor: int) -> int:
        """Length of the longest phrase of `table` ending at token `end` (not before `floor`)."""
        best = 0
        parts: list[str] = []
        for length in range(1, max_len + 1):
            i = end - length + 1
            if i < floor or self.toks[i].kind not in (WORD, PUNCT):
                break
            parts.insert(0, self.toks[i].key)
            if tuple(parts) in table:
                best = length
        return best

    def match_forward(self, start: int, table: dict | frozenset, max_len: int) -> int:
        """Length of the longest phrase of `table` starting at token `start`."""
        best = 0
        parts: list[str] = []
        for length in range(1, max_len + 1):
            i = start + length - 1
            if i >= self.n or self.toks[i].kind != WORD:
                break
            parts.append(self.toks[i].key)
            if tuple(parts) in table:
                best = length
        return best

    # -- pass 1: what is not a target -----------------------------------------------------------

    def mark_structure(self) -> None:
        """Mark parentheses, list numbering, dates, identifiers and numbers glued to letters."""
        depth = 0
        toks = self.toks
        for i, tok in enumerate(toks):
            if tok.kind == PUNCT and tok.text in "([":
                depth = min(depth + 1, 5)
            elif tok.kind == PUNCT and tok.text in ")]":
                depth = max(depth - 1, 0)
            self.in_parens[i] = depth > 0
        i = 0
        while i < self.n:
            tok = toks[i]
            if tok.kind != NUM:
                i += 1
                continue
            # A glued run of digits and marks such as 05/8/2003, 32-NQ/TW, 30/2020/NĐ-CP.
            j = i
            while j + 1 < self.n and self.glued(j, j + 1) and j - i < 12:
                nxt = toks[j + 1]
                if (
                    nxt.kind == NUM
                    or (nxt.kind == PUNCT and nxt.text in "/-.")
                    or (nxt.kind == WORD and toks[j].kind == PUNCT and toks[j].text in "/-")
                ):
                    j += 1
                else:
                    break
            run = self.text[tok.start : toks[j].end]
            if j > i and (_DATE_RE.match(run) or _ID_RE.match(run)):
                for k in range(i, j + 1):
                    self.excluded[k] = True
                if _DATE_RE.match(run):
                    self._date_year(i, j, run)
                i = j + 1
                continue
            if self._is_numbering(i) or self._is_identifier(i) or self._glued_to_word(i):
                self.excluded[i] = True
            i += 1

    def _date_year(self, first: int, last: int, run: str) -> None:
        """A date preceded by a time word (`đến 31/12/2025`) also names a target year."""
        lead = self.key(first - 1)
        if lead == "ngày" or lead == "tháng":
            lead = self.key(first - 2)
            first -= 1
        if lead in {"đến", "tới", "trước", "vào", "cuối", "hết", "trong"}:
            year_text = run.rsplit("/", 1)[-1].rsplit("-", 1)[-1]
            if len(year_text) == 4 and MIN_YEAR <= int(year_text) <= MAX_YEAR:
                expr = _YearExpr(first - 1, last, int(year_text), None)
                self._add_year(expr)

    def _is_numbering(self, i: int) -> bool:
        """`1.`, `2)`, `1.2.`, `3/` at the head of a line, or `(1)` anywhere: list numbering."""
        tok = self.toks[i]
        nxt = self.toks[i + 1] if i + 1 < self.n else None
        if self.in_parens[i] and self.key(i - 1) == "(" and self.key(i + 1) == ")":
            return True
        head = i == 0 or (
            i == 1 and self.toks[0].kind == PUNCT and self.toks[0].text in _BULLETS | {"("}
        )
        if not (head and (tok.line_start or i == 0 or self.toks[0].line_start)):
            return False
        if not re.fullmatch(r"[0-9]{1,2}(?:\.[0-9]{1,2})*", tok.text):
            return False
        return nxt is None or (nxt.kind == PUNCT and nxt.text in ".)/:")

    def _is_identifier(self, i: int) -> bool:
        """A number named by the word before it (`số 32`, `Nghị quyết 45`, `khóa IX`, `tháng 12`)."""
        prev = self.key(i - 1)
        if prev in _ID_PREFIX_SINGLE:
            return True
        return i >= 2 and (self.key(i - 2), prev) in _ID_PREFIX_PAIRS

    def _glued_to_word(self, i: int) -> bool:
        """`5G`, `COVID-19`, `PM2.5`: digits stuck to letters are part of a name."""
        if (
            i + 1 < self.n
            and self.glued(i, i + 1)
            and self.toks[i + 1].kind == WORD
            and not self._unit_at(i + 1)
        ):
            return True
        if i >= 1 and self.glued(i - 1, i):
            prev = self.toks[i - 1]
            if prev.kind == WORD:
                return True
            if (
                prev.kind == PUNCT
                and prev.text in DASHES
                and i >= 2
                and self.glued(i - 2, i - 1)
                and self.toks[i - 2].kind == WORD
            ):
                return True
        return False

    def _unit_at(self, i: int) -> bool:
        """Whether a known unit word starts at token i (used for `100ha`, `14.740USD`)."""
        return self.match_forward(i, _BASE_UNITS, _UNIT_MAX) > 0 or self.key(i) in _SCALES

    # -- pass 2: years -------------------------------------------------------------------------

    def _add_year(self, expr: _YearExpr) -> None:
        self.years.append(expr)
        for k in range(expr.first, expr.last + 1):
            self.excluded[k] = True
            self.year_at[k] = expr

    def mark_years(self) -> None:
        """Find year expressions and mark their numbers as no target."""
        i = 0
        while i < self.n:
            year = _year_value(self.toks[i]) if not self.excluded[i] else None
            if year is None:
                i += 1
                continue
            lead = self.key(i - 1)
            has_lead = lead in _YEAR_LEADS or (lead in DASHES and _year_value_at(self, i - 2))
            nxt_unit = self._strong_unit_follows(i + 1)
            if not has_lead and nxt_unit:
                i += 1
                continue  # `2000 ha` written without a thousands dot: a quantity
            first = i
            while first - 1 >= 0 and i - first < 4 and self.key(first - 1) in _YEAR_PREFIX_WORDS:
                first -= 1
            last, start_year, end_year = i, None, year
            # A period: 2021 - 2025, 2021 đến 2025, từ năm 2021 đến năm 2025.
            j = i + 1
            if j < self.n and (self.key(j) in DASHES or self.key(j) in {"đến", "tới", "–"}):
                k = j + 1
                if self.key(k) == "năm":
                    k += 1
                second = _year_value(self.toks[k]) if k < self.n else None
                if second is not None and year < second <= year + 60:
                    start_year, end_year, last = year, second, k
            # `năm học 2025 - 2026` style periods count too; `giai đoạn 2021 - 2025` is the model.
            expr = _YearExpr(first, last, end_year, start_year)
            expr.role = self._year_role(first)
            if self._is_date_tail(first):
                expr.role = "ignored"
            self._add_year(expr)
            i = last + 1

    def _strong_unit_follows(self, i: int) -> bool:
        if i >= self.n:
            return False
        tok = self.toks[i]
        if tok.kind == PUNCT and tok.text == "%":
            return True
        return tok.kind == WORD and self._unit_at(i)

    def _year_role(self, first: int) -> str:
        """`so với năm 2020` and `gấp 2 lần năm 2020` name a base; `giá so sánh năm 2010` a price."""
        prev = [self.key(first - k) for k in (1, 2, 3)]
        if prev[0] == "lần" or (prev[1], prev[0]) == ("so", "với") or prev[0] == "với":
            return "base"
        if "giá" in prev or (prev[1], prev[0]) == ("so", "sánh"):
            return "price"
        if self.in_parens[first] and self._parens_have_values(first):
            return "ignored"
        return "time"

    def _parens_have_values(self, i: int) -> bool:
        """Whether the parentheses around token i also hold a non-year number (a baseline note)."""
        lo = i
        while lo > 0 and self.in_parens[lo - 1] and i - lo < 30:
            lo -= 1
        hi = i
        while hi + 1 < self.n and self.in_parens[hi + 1] and hi - i < 30:
            hi += 1
        return any(
            self.toks[k].kind == NUM and _year_value(self.toks[k]) is None
            for k in range(lo, hi + 1)
        )

    def _is_date_tail(self, first: int) -> bool:
        """`ngày 05 tháng 02 năm 2019`: the year of a date, not a target year."""
        return (
            self.key(first - 2) == "tháng" and self.toks[first - 1].kind == NUM
            if first >= 2
            else False
        )

    # -- pass 3: values --------------------------------------------------------------------------

    def find_values(self) -> list[_Value]:
        """Every number or range followed by a unit, with the cue words before it."""
        values: list[_Value] = []
        floor = 0
        i = 0
        while i < self.n:
            tok = self.toks[i]
            ratio_word = tok.kind == WORD and tok.key in _RATIO_WORDS and self.key(i - 1) == "gấp"
            if (tok.kind != NUM and not ratio_word) or self.excluded[i] or self.in_parens[i]:
                i += 1
                continue
            value = self._value_at(i, floor)
            if value is None:
                i += 1
                continue
            if value.num_first < 0:  # a baseline (`từ 45% lên 50%`): skip to the second number
                i = -value.num_first
                baseline_first, baseline_roles = self._cues(value.cue_first, floor)
                target = self._value_at(i, floor) if not self.excluded[i] else None
                if target is not None and target.num_first >= 0:
                    target.cue_first = baseline_first
                    target.roles |= baseline_roles - {"from"}
                    values.append(target)
                    floor = target.last + 1
                    i = target.last + 1
                continue
            values.append(value)
            floor = value.last + 1
            i = value.last + 1
        return self._drop_qualifiers(values)

    def _value_at(self, i: int, floor: int) -> _Value | None:
        if self.toks[i].kind == WORD:
            return self._ratio_word_at(i, floor)
        low = parse_number(self.toks[i].text)
        if low is None:
            return None
        unit = self._unit(i + 1)
        k = unit[1] if unit else i + 1
        high = low
        # A range: 12 - 13%, 12% - 13%, 180.000 đến 190.000 tỷ đồng.
        if k < self.n and (self.key(k) in DASHES or self.key(k) in {"đến", "tới"}):
            m = k + 1
            if m < self.n and self.toks[m].kind == NUM and not self.excluded[m]:
                second = parse_number(self.toks[m].text)
                unit2 = self._unit(m + 1)
                if (
                    second is not None
                    and (unit2 or unit)
                    and (not unit or not unit2 or _same_unit(unit[0], unit2[0]))
                ):
                    high = second
                    unit = unit2 or unit
                    k = unit2[1] if unit2 else m + 1
        if unit is None:
            unit = self._unitless(k)
            if unit is None:
                return None
        unit_text, after, unit_kind = unit
        # A baseline followed by the target: `từ 45% lên 50%`, `từ 5% xuống còn 3%`.
        turn = after
        baseline_year = self.year_at.get(after)
        if baseline_year is not None and baseline_year.first == after:
            turn = baseline_year.last + 1  # `từ 25% năm 2020 xuống còn 15%`
        if high == low and self.key(turn) in {"lên", "xuống", "còn"}:
            m = turn + 1
            while m < self.n and m - turn < 3 and self.key(m) in {"còn", "mức", "dưới", "trên"}:
                m += 1
            if m < self.n and self.toks[m].kind == NUM and self.key(i - 1) == "từ":
                if baseline_year is not None and turn != after:
                    baseline_year.role = "ignored"
                return _Value(-m, i, 0, low, low, "", "")
        cue_first, roles = self._cues(i, floor)
        if "past" in roles:
            return None
        cueless = not roles - {"neutral", "from", "avg"}
        if unit_kind == "bare" and (cueless or not roles & {"verb", "lower", "upper", "approx"}):
            return None
        if unit_kind in ("time", "scale") and cueless:
            return None
        if unit_kind == "noun" and cueless and not self._noun_allowed(i, unit_text):
            return None
        value = _Value(
            i, cue_first, after - 1, min(low, high), max(low, high), unit_text, unit_kind
        )
        value.roles = roles
        self._tail(value, after)
        value.bound = _bound_of(roles, value.bound)
        return value

    def _ratio_word_at(self, i: int, floor: int) -> _Value | None:
        """`gấp đôi`, `gấp ba lần`, `gấp rưỡi`: a ratio written in words; its unit is `lần`."""
        number = _RATIO_WORDS[self.toks[i].key]
        after = i + 2 if self.key(i + 1) == "lần" else i + 1
        cue_first, roles = self._cues(i, floor)
        if "past" in roles:
            return None
        value = _Value(i, cue_first, after - 1, number, number, "lần", "measure")
        value.roles = roles
        self._tail(value, after)
        value.bound = _bound_of(roles, value.bound)
        return value

    def _unitless(self, k: int) -> tuple[str, int, str] | None:
        """`HDI duy trì ở mức trên 0,7.`: a bare number closing the clause, to check for cue words."""
        if k < self.n and not (self.toks[k].kind == PUNCT and self.toks[k].text in ".,;"):
            return None
        return "", k, "bare"

    def _noun_allowed(self, i: int, unit_text: str) -> bool:
        """A counted noun without a cue word: a known noun, or one after a verb (`xây dựng 3 cầu`)."""
        key = tuple(unicodedata.normalize("NFC", unit_text).lower().split("/")[0].split())
        if key in _COUNTED_NOUNS:
            return True
        prev = self.toks[i - 1] if i >= 1 else None
        return prev is not None and prev.kind == WORD and prev.key not in _NO_COUNT_BEFORE

    def _cues(self, i: int, floor: int) -> tuple[int, set[str]]:
        """Walk back from the number over cue words; return where they start and their roles."""
        roles: set[str] = set()
        p = i - 1
        first = i
        steps = 0
        while p >= floor and steps < 8:
            length = self.match_back(p, _CUES, _CUE_MAX, floor)
            if length == 0 or any(self.excluded[q] for q in range(p - length + 1, p + 1)):
                break
            phrase = tuple(self.toks[q].key for q in range(p - length + 1, p + 1))
            phrase_roles = _CUES[phrase]
            # `tăng trưởng`, `giảm nghèo`: a verb followed by a noun is part of the indicator.
            if phrase[-1] in {"tăng", "giảm"} and p + 1 < i and self.key(p + 1) not in _CUE_WORDS:
                break
            if "verb" in phrase_roles and phrase[0] in {"có", "được", "là"} and roles & {"verb"}:
                break
            roles |= phrase_roles
            first = p - length + 1
            p = first - 1
            steps += 1
            if phrase_roles & _STOPPING_ROLES and not self._verb_continues(phrase, p, floor):
                break
        return first, roles

    def _verb_continues(self, phrase: tuple[str, ...], p: int, floor: int) -> bool:
        """After a verb the run stops, except over `phấn đấu` and before a light verb.

        `tối thiểu là 25%`, `dưới mức 4%`: `là`, `ở mức`, `bằng` only link a bound word to the number.
        """
        if p < floor:
            return False
        if phrase in _LIGHT_VERBS:
            return True
        return self.key(p) in {"phấn", "đấu"}

    def _tail(self, value: _Value, after: int) -> None:
        """Read `trở lên`, `trở xuống`, `so với năm X` and `lần năm X` after the unit."""
        k = after
        if self.key(k) == "trở" and self.key(k + 1) in {"lên", "xuống"}:
            value.bound = "lower" if self.key(k + 1) == "lên" else "upper"
            value.last = k + 1
            k += 2
        if self.key(k) in {"mỗi", "hằng", "hàng", "một"} and self.key(k + 1) == "năm":
            value.roles.add("avg")  # `tăng 10% mỗi năm` is `10%/năm`
            value.last = k + 1
            k += 2
        expr = self.year_at.get(k)
        if expr is None and self.key(k) == "so" and self.key(k + 1) == "với":
            value.base_stated = True
            expr = self.year_at.get(k + 2)
            if expr is None:
                value.last = k + 1
        if expr is not None and expr.first in (k, k + 2) and expr.role == "base":
            value.base_year = expr.year
            value.base_stated = True
            value.last = expr.last

    def _unit(self, i: int) -> tuple[str, int, str] | None:
        """The unit written from token i: its text, the index after it and its kind."""
        if i >= self.n or self.excluded[i] or self.in_parens[i]:
            return None
        tok = self.toks[i]
        kind = ""
        end = i
        if tok.kind == PUNCT and tok.text in _PERCENT_SIGNS:
            kind, end = "percent", i + 1
            # `% GDP`, `% GRDP`: a share of an aggregate written as an acronym.
            if end < self.n and self._is_acronym(end) and self.key(end + 1) != ")":
                end += 1
        elif tok.kind == WORD:
            scales = 0
            while end < self.n and self.key(end) in _SCALES and scales < 3:
                end += 1
                scales += 1
            length = self.match_forward(end, _ALL_UNIT_PHRASES, _UNIT_MAX)
            if length:
                phrase = tuple(self.toks[q].key for q in range(end, end + length))
                kind = "measure" if phrase in _BASE_UNITS else "noun"
                if phrase[0] in _TIME_NOUNS:
                    kind = "time"
                end += length
            elif self.key(end) in _TIME_NOUNS:
                # `15 năm`, `năm 2025`: durations and dates; `68 năm` only after a cue word.
                if scales or self.key(end) not in _TIME_UNITS_WITH_CUE:
                    return None
                if self.key(end) == "năm" and self._year_follows(end + 1):
                    return None
                kind, end = "time", end + 1
            else:
                noun = self._free_noun(end)
                if noun:
                    kind, end = "noun", end + noun
                elif scales:
                    kind = "scale"
                else:
                    return None
            if scales and kind == "noun":
                kind = "measure"
        else:
            return None
        end = self._unit_suffix(end)
        text = " ".join(self.text[tok.start : self.toks[end - 1].end].split())
        if len(text) > MAX_UNIT_CHARS:
            return None
        return text, end, kind

    def _is_acronym(self, i: int) -> bool:
        tok = self.toks[i]
        return (
            tok.kind == WORD
            and 2 <= len(tok.text) <= 6
            and tok.text.isupper()
            and not _ROMAN_RE.match(tok.text)
        )

    def _year_follows(self, i: int) -> bool:
        return i < self.n and _year_value(self.toks[i]) is not None

    def _free_noun(self, i: int) -> int:
        """A counted noun that is not in the lexicon: one or two lower-case syllables."""
        count = 0
        while i + count < self.n and count < 2:
            tok = self.toks[i + count]
            if tok.kind != WORD or tok.key in _NOUN_STOP or tok.text[:1].isupper():
                break
            if count and not self.glued(i + count - 1, i + count) and tok.key in _CUE_WORDS:
                break
            count += 1
        return count

    def _unit_suffix(self, end: int) -> int:
        """`/năm`, `/100 dân`, `/vạn dân`, `/người/năm`, `(USD)` after a unit."""
        for _ in range(3):
            if end + 2 < self.n + 1 and self.key(end) == "(" and end + 2 < self.n:
                inner = self.toks[end + 1]
                if (
                    inner.kind == WORD
                    and inner.text.isupper()
                    and len(inner.text) <= 5
                    and self.key(end + 2) == ")"
                ):
                    end += 3
                    continue
            if self.key(end) != "/":
                break
            k = end + 1
            if k < self.n and self.toks[k].kind == NUM and _year_value(self.toks[k]) is None:
                k += 1
            if self.key(k) in _SCALES:
                k += 1
            if (
                k >= self.n
                or self.toks[k].kind != WORD
                or self.toks[k].key
                in _NOUN_STOP
                - {
                    "năm",
                    "tháng",
                    "ngày",
                    "tuần",
                    "quý",
                }
            ):
                break
            known = self.match_forward(k, _COUNTED_NOUNS, _UNIT_MAX)
            if known > 1:
                k += known
            else:
                k += 1
                if (
                    k < self.n
                    and self.toks[k].kind == WORD
                    and self.toks[k].key not in _NOUN_STOP
                    and not self.toks[k].text[:1].isupper()
                ):
                    k += 1
            end = k
        return end

    def _drop_qualifiers(self, values: list[_Value]) -> list[_Value]:
        """`trẻ em dưới 5 tuổi giảm xuống dưới 15%`: a counted value glued to the next is a qualifier."""
        kept: list[_Value] = []
        for idx, value in enumerate(values):
            nxt = values[idx + 1] if idx + 1 < len(values) else None
            # A value with no verb of its own (`dưới 5 tuổi`, `OCOP 5 sao`, `trên 1 ha đất`) that runs
            # into the next value with no separator qualifies that value's indicator.
            if (
                nxt is not None
                and not value.roles & {"verb", "inc", "dec", "ratio", "approx"}
                and value.unit != "lần"
                and not self._separator_between(value.last + 1, nxt.cue_first)
                and (nxt.roles - {"neutral", "from"} or not value.roles)
            ):
                continue
            # A value with no cue right after another one (`5 sản phẩm đạt chuẩn OCOP 5 sao`).
            prev = kept[-1] if kept else None
            if (
                prev is not None
                and not value.roles
                and not self._separator_between(prev.last + 1, value.cue_first)
            ):
                continue
            kept.append(value)
        return kept

    def _separator_between(self, lo: int, hi: int) -> bool:
        return any(
            self.key(k) in {",", ";", ":"} or self.key(k) in _SEPARATOR_WORDS for k in range(lo, hi)
        )

    # -- pass 4: segments, indicators, years -----------------------------------------------------

    def read(self) -> list[_Found]:
        """Run every pass and return the values placed in their clauses."""
        self.mark_structure()
        self.mark_years()
        values = self.find_values()
        if not values:
            return []
        found: list[_Found] = []
        clause_first = 0
        prev_last = -1
        for value in values:
            semi = self._last_semicolon(prev_last + 1, value.cue_first)
            new_clause = semi is not None or prev_last < 0
            if semi is not None:
                clause_first = semi + 1
            if new_clause:
                seg_first = clause_first
            else:
                seg_first = self._segment_start(prev_last + 1, value.cue_first)
            item = _Found(value, seg_first, None, None, clause_first, new_clause)
            # `..., trong đó X đạt ...`: a part of the previous target shares its years.
            item.sub = not new_clause and (self.key(seg_first), self.key(seg_first + 1)) == (
                "trong",
                "đó",
            )
            item.ind_first, item.ind_last = self._indicator_range(
                seg_first, value.cue_first, new_clause
            )
            found.append(item)
            prev_last = value.last
        self._resolve_indicators(found)
        self._resolve_years(found)
        return found

    def _last_semicolon(self, lo: int, hi: int) -> int | None:
        for k in range(hi - 1, lo - 1, -1):
            if self.key(k) == ";":
                return k
        return None

    def _segment_start(self, lo: int, hi: int) -> int:
        """The token after the first separator between two values (`, `, `và`, `, trong đó`)."""
        for k in range(lo, hi):
            if self.key(k) in {",", ";", ":"} or self.key(k) in _SEPARATOR_WORDS:
                return k + 1
        return lo

    def _indicator_range(
        self, lo: int, hi: int, clause_head: bool
    ) -> tuple[int | None, int | None]:
        """Strip lead words (bullets, `trong đó`, head years, `Về kinh tế,`) and trailing fillers."""
        # A colon before the value closes a heading: `Mục tiêu đến năm 2025: tỷ lệ ...`.
        for k in range(hi - 1, lo - 1, -1):
            if self.key(k) == ":":
                lo = k + 1
                break
        if self.key(lo) == "về" and clause_head:
            for k in range(lo, hi):
                if self.key(k) == ",":
                    lo = k + 1
                    break
        changed = True
        guard = 0
        while changed and lo < hi and guard < 20:
            changed = False
            guard += 1
            tok = self.toks[lo]
            if tok.kind == PUNCT and (tok.text in _BULLETS or tok.text in ",.:;()[]…"):
                lo += 1
                changed = True
            elif self.excluded[lo] and lo in self.year_at:
                lo = self.year_at[lo].last + 1
                changed = True
            elif self.excluded[lo] or (
                tok.kind == WORD
                and len(tok.text) <= 4
                and (_ROMAN_RE.match(tok.text) or len(tok.text) == 1)
                and self.key(lo + 1) in {")", "."}
                and tok.line_start
            ):
                lo += 1
                changed = True
            else:
                length = self.match_forward(lo, _LEADING_CONNECTORS, 4)
                if length:
                    lo += length
                    changed = True
        while hi - 1 >= lo:
            k = hi - 1
            tok = self.toks[k]
            if (tok.kind == PUNCT and tok.text in ",:;(-–—/") or tok.kind == NUM:
                hi -= 1
            elif k in self.year_at:
                hi = self.year_at[k].first
            elif tok.key in _TRAILING_FILLERS:
                hi -= 1
            else:
                break
        if lo >= hi:
            return None, None
        return lo, hi - 1

    def _resolve_indicators(self, found: list[_Found]) -> None:
        previous = ""
        for idx, item in enumerate(found):
            value = item.value
            if item.ind_first is not None and item.ind_last is not None:
                item.indicator = " ".join(
                    self.text[
                        self.toks[item.ind_first].start : self.toks[item.ind_last].end
                    ].split()
                )
                item.text_first = item.ind_first
                previous = item.indicator
            else:
                limit = self.n
                if idx + 1 < len(found):
                    nxt = found[idx + 1]
                    limit = nxt.seg_first if nxt.seg_first > value.last else nxt.value.cue_first
                after = self._indicator_after(value, limit)
                # `..., 95% dân số tham gia bảo hiểm y tế`: words after the value name it; else the
                # value shares the previous target's indicator (`đạt 60% năm 2025 và 70% năm 2030`).
                if len(after.split()) >= 2 or not previous:
                    item.indicator = after or value.unit
                else:
                    item.indicator = previous
                item.text_first = value.cue_first

    def _indicator_after(self, value: _Value, limit: int) -> str:
        """`100% số xã đạt chuẩn nông thôn mới`: the indicator follows the value."""
        lo = value.last + 1
        hi = lo
        while hi < min(limit, self.n) and hi - lo < 25 and self.key(hi) not in {";", ".", ":", "…"}:
            hi += 1
        # Drop what starts the next value's segment (`, trong đó`, `, và`) and trailing years.
        while hi > lo:
            key = self.key(hi - 1)
            if key in {",", "(", "-", "–"} or key in _SEPARATOR_WORDS or (hi - 1) in self.year_at:
                hi = self.year_at[hi - 1].first if (hi - 1) in self.year_at else hi - 1
            elif hi - 2 >= lo and (self.key(hi - 2), key) in {("trong", "đó"), ("so", "với")}:
                hi -= 2
            else:
                break
        while lo < hi and (lo in self.year_at or self.key(lo) in {"vào", "trong", "đến"}):
            lo = self.year_at[lo].last + 1 if lo in self.year_at else lo + 1
        words = self.text[self.toks[lo].start : self.toks[hi - 1].end] if hi > lo else ""
        # A counted noun (`1.500 doanh nghiệp`, `2 triệu doanh nghiệp`) heads the indicator.
        noun = value.unit.split("/")[0].split()
        while noun and unicodedata.normalize("NFC", noun[0]).lower() in _SCALES:
            noun = noun[1:]
        key = tuple(unicodedata.normalize("NFC", w).lower() for w in noun)
        if value.unit_kind in ("noun", "measure") and noun and key not in _MEASURE_UNITS:
            words = " ".join(noun) + " " + words
        return " ".join(words.split())

    def _resolve_years(self, found: list[_Found]) -> None:
        """Own segment year, else the clause's head year, the sentence's head, the clause's tail."""
        exprs = [e for e in self.years if e.role == "time"]
        positions = [e.first for e in exprs]
        sentence_head: list[_YearExpr] | None = None
        clause_heads: dict[int, list[_YearExpr]] = {}
        for idx, item in enumerate(found):
            if item.new_clause:
                head_end = item.ind_first if item.ind_first is not None else item.value.cue_first
                head = self._exprs_in(exprs, positions, item.clause_first, head_end)
                clause_heads[item.clause_first] = head
                if sentence_head is None:
                    sentence_head = head
            seg_end = found[idx + 1].seg_first if idx + 1 < len(found) else self.n
            if idx + 1 < len(found) and found[idx + 1].new_clause:
                seg_end = found[idx + 1].clause_first
            own = self._exprs_in(exprs, positions, item.seg_first, seg_end)
            item.seg_end = seg_end
            sources = [own, clause_heads.get(item.clause_first, []), sentence_head or []]
            item.year, item.start_year = _merge_years(sources)
        for prev, item in pairwise(found):
            if item.sub and item.year is None:
                item.year, item.start_year = prev.year, prev.start_year
        # A sentence that names one year only (`A đạt X vào năm 2030, B đạt Y`) speaks of that year.
        # (`giai đoạn 2020 - 2025 ...; đến năm 2025, ...` also names one target year: 2025).
        named_years = {e.year for e in exprs}
        if len(named_years) == 1:
            only_year = next(iter(named_years))
            starts = {e.start_year for e in exprs}
            only_start = next(iter(starts)) if len(starts) == 1 else None
            for item in found:
                if item.year is None:
                    item.year, item.start_year = only_year, only_start
        # A year stated once after the last target of a clause applies to the clause's targets.
        by_clause: dict[int, list[_Found]] = {}
        for item in found:
            by_clause.setdefault(item.clause_first, []).append(item)
        for items in by_clause.values():
            last = items[-1]
            tail = self._exprs_in(exprs, positions, last.value.last + 1, last.seg_end)
            if not tail:
                continue
            year, start = _merge_years([tail])
            for item in items[:-1]:
                if item.year is None:
                    item.year, item.start_year = year, start

    @staticmethod
    def _exprs_in(
        exprs: list[_YearExpr], positions: list[int], lo: int, hi: int
    ) -> list[_YearExpr]:
        out = []
        k = bisect_left(positions, lo)
        while k < len(exprs) and exprs[k].first < hi and len(out) < 6:
            out.append(exprs[k])
            k += 1
        return out


_CUE_WORDS = frozenset(word for phrase in _CUES for word in phrase)
# Ratios written in words after `gấp` (`năm` is left out: it is far more often a year).
_RATIO_WORDS = {
    "đôi": Decimal(2),
    "hai": Decimal(2),
    "ba": Decimal(3),
    "bốn": Decimal(4),
    "rưỡi": Decimal("1.5"),
    "mười": Decimal(10),
}
_LIGHT_VERBS = _phrases("là", "ở mức", "mức", "bằng", "ở")
_PERCENT_SIGNS = frozenset("%‰")
# A counted noun after these words is a mention, not a target (`sau 15 năm`, `gồm 15 quận`).
_NO_COUNT_BEFORE = frozenset(
    {
        "sau",
        "qua",
        "suốt",
        "trong",
        "của",
        "với",
        "và",
        "các",
        "những",
        "gồm",
        "trên",
        "dưới",
        "hơn",
    }
)


def _year_value_at(reader: _SentenceReader, i: int) -> bool:
    return 0 <= i < reader.n and _year_value(reader.toks[i]) is not None


def _same_unit(a: str, b: str) -> bool:
    return " ".join(a.lower().split()) == " ".join(b.lower().split())


def _bound_of(roles: set[str], tail_bound: str) -> str:
    """The bound a value states: a tail (`trở lên`) wins, then the cue words' lower/upper."""
    if tail_bound != "exact":
        return tail_bound
    if "lower" in roles and "upper" not in roles:
        return "lower"
    if "upper" in roles and "lower" not in roles:
        return "upper"
    return "exact"


def _merge_years(sources: list[list[_YearExpr]]) -> tuple[int | None, int | None]:
    """The target year from the first source that has one, with the start of a period stated there."""
    for exprs in sources:
        if not exprs:
            continue
        points = [e for e in exprs if e.start_year is None]
        periods = [e for e in exprs if e.start_year is not None]
        year = points[-1].year if points else periods[-1].year
        # The start year comes from the same place as the target year: a period stated there.
        start = next((e.start_year for e in periods if e.year == year), None)
        return year, start
    return None, None


# ---------------------------------------------------------------------------------------------
# Kinds and assembly
# ---------------------------------------------------------------------------------------------

_AVG_WORDS = ("bình quân", "trung bình", "hằng năm", "hàng năm", "mỗi năm")
_GROWTH_WORDS = ("tăng", "giảm", "tốc độ")


def _words_of(text: str) -> str:
    return (
        " " + " ".join(unicodedata.normalize("NFC", text).lower().replace("/", " / ").split()) + " "
    )


def _kind(value: _Value, indicator: str, cue_text: str, start_year: int | None) -> str:
    """`ratio_to_base` > `average_growth` > `cumulative` > `level`."""
    words = _words_of(indicator + " " + cue_text)
    unit = " ".join(value.unit.lower().split())
    if unit == "lần" and ("ratio" in value.roles or value.base_stated):
        return "ratio_to_base"
    if unit.replace(" ", "").startswith("%/năm"):
        return "average_growth"
    has_avg = "avg" in value.roles or any(f" {w} " in words for w in _AVG_WORDS)
    if unit == "%" and has_avg and any(f" {w} " in words for w in _GROWTH_WORDS):
        return "average_growth"
    if _is_total(words) and (start_year is not None or _mentions_period(words)):
        return "cumulative"
    if " lũy kế " in words or " cộng dồn " in words:
        return "cumulative"
    return "level"


def _is_total(words: str) -> bool:
    parts = words.split()
    for k, word in enumerate(parts):
        if word == "tổng" and (k + 1 >= len(parts) or parts[k + 1] not in _TONG_EXCLUDED_NEXT):
            return True
    return False


def _mentions_period(words: str) -> bool:
    if " giai đoạn " in words or " thời kỳ " in words or " cả nhiệm kỳ " in words:
        return True
    return bool(re.search(r" [0-9]{1,2} năm ", words))


def _direction(value: _Value, indicator: str) -> str:
    if value.bound == "upper" or "dec" in value.roles:
        return "decrease"
    first = _words_of(indicator).split()[:1]
    if first and first[0] in {"giảm", "hạ", "kéo"}:
        return "decrease"
    return "increase"


def _float(value: Decimal) -> float:
    return float(value)


_RATE_WORDS = ("bình quân", "trung bình", "hằng năm", "hàng năm", "mỗi năm")


def _strip_rate_words(indicator: str) -> str:
    """`Tốc độ tăng trưởng GRDP bình quân` → `Tốc độ tăng trưởng GRDP` for a growth rate."""
    changed = True
    while changed:
        changed = False
        for word in _RATE_WORDS:
            if indicator.lower().endswith(" " + word):
                indicator = indicator[: -len(word) - 1].rstrip(" ,")
                changed = True
    return indicator


def _build(reader: _SentenceReader, item: _Found) -> ExtractedTarget:
    value = item.value
    text = reader.text
    toks = reader.toks
    first = min(item.text_first, value.cue_first)
    span = (toks[first].start, toks[value.last].end)
    cue_text = text[toks[value.cue_first].start : toks[value.num_first].start]
    # The kind reads the whole segment (`Hằng năm, ...` may have been cut from the indicator).
    seg_text = text[toks[min(item.seg_first, value.num_first)].start : toks[value.num_first].start]
    kind = _kind(value, f"{item.indicator} {seg_text}", cue_text, item.start_year)
    indicator = item.indicator
    if kind == "average_growth":
        indicator = _strip_rate_words(indicator)
    low, high = _float(value.low), _float(value.high)
    if value.bound == "lower":
        lower, upper = low, None
    elif value.bound == "upper":
        lower, upper = None, high
    else:
        lower, upper = low, high
    return ExtractedTarget(
        text=text[span[0] : span[1]],
        span=span,
        indicator_text=indicator,
        lower=lower,
        upper=upper,
        approximate="approx" in value.roles,
        unit=value.unit,
        direction=_direction(value, indicator),
        kind=kind,
        start_year=item.start_year,
        year=item.year,
        base_year=value.base_year if kind == "ratio_to_base" else None,
    )


# ---------------------------------------------------------------------------------------------
# Public entry point
# ---------------------------------------------------------------------------------------------


def _is_heading(toks: list[_Tok]) -> bool:
    """`I. MỤC TIÊU`, `Điều 2.`: a section heading ends a list's head year."""
    first = toks[0]
    if (
        first.kind == WORD
        and _ROMAN_RE.match(first.text)
        and len(toks) > 1
        and toks[1].text in ".)"
    ):
        return True
    return first.key in {"điều", "chương", "phần"}


def extract_targets(text: str) -> list[ExtractedTarget]:
    """Every quantified target the Vietnamese `text` states, in the order of the text.

    Never raises on any string; the time it takes grows linearly with the length of the text.
    """
    if not isinstance(text, str) or not text:
        return []
    results: list[ExtractedTarget] = []
    list_year: tuple[int | None, int | None] = (None, None)
    in_results = False
    for toks in _sentences(_tokenize(text)):
        if _is_heading(toks):
            list_year = (None, None)
            # Under `I. TÌNH HÌNH ...` or `KẾT QUẢ ...` a resolution reports results, not targets.
            in_results = _is_results_heading(toks)
        if in_results:
            continue
        reader = _SentenceReader(text, toks)
        found = reader.read()
        if not found:
            head = _list_head_year(reader)
            if head is not None:
                list_year = head
            continue
        for item in found:
            if item.year is None and list_year[0] is not None:
                item.year, item.start_year = list_year
            results.append(_build(reader, item))
    return results


_RESULTS_WORDS = ("tình hình", "kết quả", "đánh giá", "thực trạng")
_HEAD_LINE_TOKENS = 12


def _is_results_heading(toks: list[_Tok]) -> bool:
    words = " ".join(tok.key for tok in toks[:20] if tok.kind == WORD)
    words = unicodedata.normalize("NFC", words).lower()
    return any(phrase in words for phrase in _RESULTS_WORDS)


def _list_head_year(reader: _SentenceReader) -> tuple[int | None, int | None] | None:
    """A sentence without targets that names a year heads a list when it ends with `:` or is a short
    heading line with no full stop (`2.1. Mục tiêu đến năm 2025`)."""
    toks = reader.toks
    if not toks:
        return None
    heading_line = (
        toks[0].line_start and len(toks) <= _HEAD_LINE_TOKENS and toks[-1].text not in ".!?…;,"
    )
    if toks[-1].text != ":" and not heading_line:
        return None
    exprs = [e for e in reader.years if e.role == "time"]
    if not exprs:
        return None
    return _merge_years([exprs[:1]])
