"""Sanitised HTML drafts → WordprocessingML, plus the OOXML primitives the report builder shares.

The drafts were sanitised when accepted, but the report must survive anything: the supported
subset is p, h2, h3, h4, ul/ol/li (nested), table/thead/tbody/tr/th/td, b/strong, i/em, u and br;
every other element is rendered as its text (a <script> shows its source as text, an <img> its
alt text). Parsing uses the stdlib `html.parser` and is bounded in input length, element count,
depth and table size, so a hostile draft costs at most a few hundred milliseconds and ends with a
note in the document, never a traceback.

Paragraphs and tables are built directly as lxml elements (python-docx's own object layer is
slow for big tables: `table.cell(r, c)` is quadratic) and appended through a `sink` callable.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field
from html.parser import HTMLParser

from lxml import etree

from tongket.core.numbers import format_compact

W_NS = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
XML_SPACE = "{http://www.w3.org/XML/1998/namespace}space"

#: Paragraph style ids the builder defines; elsewhere Word falls back to Normal.
TABLE_STYLE = "TKTable"

MAX_HTML_CHARS = 400_000
MAX_NODES = 40_000
MAX_DEPTH = 60
MAX_TABLE_ROWS = 200
MAX_TABLE_COLS = 12
MAX_CELL_CHARS = 4_000

TWIPS_PER_MM = 56.6929


def w(tag: str) -> str:
    """The Clark name of a WordprocessingML tag (`w:p` → `{ns}p`)."""
    return f"{{{W_NS}}}{tag}"


def mm(value: float) -> int:
    """Millimetres → twips (1/20 pt), the unit of most WordprocessingML lengths."""
    return round(value * TWIPS_PER_MM)


# --------------------------------------------------------------------------- text cleaning

# XML 1.0 forbids C0 controls except tab/newline/CR, lone surrogates and U+FFFE/U+FFFF; C1 controls
# are legal XML but never meaningful in a Vietnamese document, so they go too.
_INVALID_XML = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f\ud800-\udfff\ufffe\uffff]")
_SPACES = re.compile(r"[ \t\r\n\f\u00a0]+")


def clean_text(text: object) -> str:
    """NFC-normalise `text` and drop the characters XML cannot carry.

    Vietnamese typed with combining diacritics (NFD, as macOS and some converters produce) renders
    with misplaced marks in Times New Roman; NFC composes them. Characters outside the font are
    kept: Word and LibreOffice fall back to another font for them.
    """
    if text is None:
        return ""
    if not isinstance(text, str):
        text = str(text)
    return _INVALID_XML.sub("", unicodedata.normalize("NFC", text))


# --------------------------------------------------------------------------- OOXML primitives


@dataclass(frozen=True)
class Fmt:
    """Character formatting of a run: bold, italic, underline and size in points (None = style's)."""

    bold: bool = False
    italic: bool = False
    underline: bool = False
    size: float | None = None
    caps: bool = False

    def but(self, **changes: object) -> Fmt:
        """A copy with some attributes changed."""
        values = {
            "bold": self.bold,
            "italic": self.italic,
            "underline": self.underline,
            "size": self.size,
            "caps": self.caps,
        }
        values.update(changes)
        return Fmt(**values)  # type: ignore[arg-type]


PLAIN = Fmt()
#: A run is (text, formatting); the text "\n" is a line break.
Run = tuple[str, Fmt]


def _add_rpr(r: etree._Element, fmt: Fmt) -> None:
    if fmt == PLAIN:
        return
    rpr = etree.SubElement(r, w("rPr"))
    if fmt.bold:
        etree.SubElement(rpr, w("b"))
        etree.SubElement(rpr, w("bCs"))
    if fmt.italic:
        etree.SubElement(rpr, w("i"))
        etree.SubElement(rpr, w("iCs"))
    if fmt.caps:
        etree.SubElement(rpr, w("caps"))
    if fmt.size:
        half = str(round(fmt.size * 2))
        etree.SubElement(rpr, w("sz")).set(w("val"), half)
        etree.SubElement(rpr, w("szCs")).set(w("val"), half)
    if fmt.underline:
        etree.SubElement(rpr, w("u")).set(w("val"), "single")


def add_run(p: etree._Element, text: str, fmt: Fmt = PLAIN) -> None:
    """Append a run to paragraph `p`; newlines become line breaks, tabs become tabs."""
    text = clean_text(text)
    if not text:
        return
    r = etree.SubElement(p, w("r"))
    _add_rpr(r, fmt)
    for i, line in enumerate(text.split("\n")):
        if i:
            etree.SubElement(r, w("br"))
        for j, chunk in enumerate(line.split("\t")):
            if j:
                etree.SubElement(r, w("tab"))
            if chunk:
                t = etree.SubElement(r, w("t"))
                t.text = chunk
                if chunk[0] == " " or chunk[-1] == " ":
                    t.set(XML_SPACE, "preserve")


@dataclass
class ParaProps:
    """Paragraph properties the report uses; lengths in twips, spacing in points."""

    style: str | None = None
    align: str | None = None  # "left" | "center" | "right" | "both"
    before: float | None = None
    after: float | None = None
    line: float | None = None  # multiple of single spacing, e.g. 1.15
    first_line: int | None = None
    left: int | None = None
    right: int | None = None
    keep_next: bool = False
    bottom_border: bool = False
    extra: dict[str, str] = field(default_factory=dict)


def make_p(runs: Iterable[Run] = (), props: ParaProps | None = None) -> etree._Element:
    """Build a `w:p` with the given runs and properties (children in schema order)."""
    p = etree.Element(w("p"))
    if props is not None:
        ppr = etree.SubElement(p, w("pPr"))
        if props.style:
            etree.SubElement(ppr, w("pStyle")).set(w("val"), props.style)
        if props.keep_next:
            etree.SubElement(ppr, w("keepNext"))
        if props.bottom_border:
            bdr = etree.SubElement(ppr, w("pBdr"))
            bottom = etree.SubElement(bdr, w("bottom"))
            for key, value in (("val", "single"), ("sz", "6"), ("space", "1"), ("color", "000000")):
                bottom.set(w(key), value)
        if props.before is not None or props.after is not None or props.line is not None:
            spacing = etree.SubElement(ppr, w("spacing"))
            if props.before is not None:
                spacing.set(w("before"), str(round(props.before * 20)))
            if props.after is not None:
                spacing.set(w("after"), str(round(props.after * 20)))
            if props.line is not None:
                spacing.set(w("line"), str(round(props.line * 240)))
                spacing.set(w("lineRule"), "auto")
        if props.first_line is not None or props.left is not None or props.right is not None:
            ind = etree.SubElement(ppr, w("ind"))
            if props.left is not None:
                ind.set(w("left"), str(props.left))
            if props.right is not None:
                ind.set(w("right"), str(props.right))
            if props.first_line is not None:
                ind.set(w("firstLine"), str(props.first_line))
        if props.align:
            etree.SubElement(ppr, w("jc")).set(w("val"), props.align)
    for text, fmt in runs:
        add_run(p, text, fmt)
    return p


def text_p(text: str, fmt: Fmt = PLAIN, props: ParaProps | None = None) -> etree._Element:
    """A paragraph of one run."""
    return make_p([(text, fmt)], props)


#: A table cell: a plain string, a list of runs, or ready paragraphs.
CellContent = str | Sequence[Run] | Sequence[etree._Element]


@dataclass
class Cell:
    """A table cell with its content and layout options."""

    content: CellContent
    bold: bool = False
    align: str | None = None
    span: int = 1


def _cell_paragraphs(cell: Cell) -> list[etree._Element]:
    content = cell.content
    props = ParaProps(style=TABLE_STYLE, align=cell.align)
    fmt = Fmt(bold=True) if cell.bold else PLAIN
    if isinstance(content, str):
        return [text_p(content, fmt, props)]
    if content and isinstance(content[0], etree._Element):
        return list(content)  # type: ignore[arg-type]
    runs = [(text, f.but(bold=True) if cell.bold else f) for text, f in content]  # type: ignore[misc]
    return [make_p(runs, props)]


def make_table(
    widths: Sequence[int],
    rows: Iterable[Sequence[Cell | str]],
    *,
    header_rows: int = 0,
    borders: bool = True,
    align: str = "center",
    cell_margin: int = 85,
) -> etree._Element:
    """Build a `w:tbl` in one pass (linear in the number of cells).

    `widths` are column widths in twips; `header_rows` first rows repeat on every page and never
    split; `cell_margin` is the left/right padding of cells in twips. A row shorter than the grid is padded with empty cells, a longer one is cut.
    """
    tbl = etree.Element(w("tbl"))
    tblpr = etree.SubElement(tbl, w("tblPr"))
    tblw = etree.SubElement(tblpr, w("tblW"))
    tblw.set(w("w"), str(sum(widths)))
    tblw.set(w("type"), "dxa")
    etree.SubElement(tblpr, w("jc")).set(w("val"), align)
    bdrs = etree.SubElement(tblpr, w("tblBorders"))
    for side in ("top", "left", "bottom", "right", "insideH", "insideV"):
        edge = etree.SubElement(bdrs, w(side))
        if borders:
            for key, value in (("val", "single"), ("sz", "4"), ("space", "0"), ("color", "000000")):
                edge.set(w(key), value)
        else:
            edge.set(w("val"), "nil")
    etree.SubElement(tblpr, w("tblLayout")).set(w("type"), "fixed")
    mar = etree.SubElement(tblpr, w("tblCellMar"))
    for side, value in (("left", str(cell_margin)), ("right", str(cell_margin))):
        edge = etree.SubElement(mar, w(side))
        edge.set(w("w"), value)
        edge.set(w("type"), "dxa")
    grid = etree.SubElement(tbl, w("tblGrid"))
    for width in widths:
        etree.SubElement(grid, w("gridCol")).set(w("w"), str(width))
    ncols = len(widths)
    for index, row in enumerate(rows):
        tr = etree.SubElement(tbl, w("tr"))
        trpr = etree.SubElement(tr, w("trPr"))
        etree.SubElement(trpr, w("cantSplit"))
        if index < header_rows:
            etree.SubElement(trpr, w("tblHeader"))
        col = 0
        for raw in row:
            if col >= ncols:
                break
            cell = raw if isinstance(raw, Cell) else Cell(raw)
            span = max(1, min(cell.span, ncols - col))
            tc = etree.SubElement(tr, w("tc"))
            tcpr = etree.SubElement(tc, w("tcPr"))
            tcw = etree.SubElement(tcpr, w("tcW"))
            tcw.set(w("w"), str(sum(widths[col : col + span])))
            tcw.set(w("type"), "dxa")
            if span > 1:
                etree.SubElement(tcpr, w("gridSpan")).set(w("val"), str(span))
            for p in _cell_paragraphs(cell):
                tc.append(p)
            col += span
        while col < ncols:
            tc = etree.SubElement(tr, w("tc"))
            tcw = etree.SubElement(etree.SubElement(tc, w("tcPr")), w("tcW"))
            tcw.set(w("w"), str(widths[col]))
            tcw.set(w("type"), "dxa")
            tc.append(make_p([], ParaProps(style=TABLE_STYLE)))
            col += 1
    return tbl


Sink = Callable[[etree._Element], None]


# --------------------------------------------------------------------------- HTML parsing

_VOID = frozenset(
    [
        "area",
        "base",
        "br",
        "col",
        "embed",
        "hr",
        "img",
        "input",
        "link",
        "meta",
        "param",
        "source",
        "track",
        "wbr",
    ]
)
_HEADINGS = {"h2": Fmt(bold=True), "h3": Fmt(bold=True, italic=True), "h4": Fmt(italic=True)}
_LISTS = frozenset({"ul", "ol"})
_TABLE_PARTS = frozenset({"thead", "tbody", "tfoot"})
# Unsupported elements that still separate blocks; their text becomes ordinary paragraphs.
_CONTAINERS = frozenset(
    {"div", "section", "article", "blockquote", "pre", "figure", "figcaption", "header"}
    | {"footer", "main", "aside", "nav", "center", "form", "fieldset", "dl", "dt", "dd"}
    | {"address", "details", "summary", "h1", "h5", "h6", "hr", "caption", "body", "html"}
)
_BLOCKS = (
    frozenset({"p", "li", "table", "tr", "td", "th"})
    | _LISTS
    | _TABLE_PARTS
    | set(_HEADINGS)
    | _CONTAINERS
)
_STYLE_TAGS = {
    "b": {"bold": True},
    "strong": {"bold": True},
    "i": {"italic": True},
    "em": {"italic": True},
    "u": {"underline": True},
}


@dataclass
class Node:
    """An element of the parsed draft; `children` holds Nodes and text strings."""

    tag: str
    attrs: dict[str, str] = field(default_factory=dict)
    children: list[Node | str] = field(default_factory=list)


class _TreeBuilder(HTMLParser):
    """A forgiving, bounded HTML → Node tree parser (the stdlib tokenizer, our own tree rules)."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.root = Node("root")
        self.stack: list[Node] = [self.root]
        self.nodes = 0
        self.truncated = False

    def _close(self, tag: str) -> None:
        for i in range(len(self.stack) - 1, 0, -1):
            if self.stack[i].tag == tag:
                del self.stack[i:]
                return

    def _close_implied(self, tag: str) -> None:
        # The usual HTML implied end tags: a new block closes an open <p>, a new <li> the previous
        # <li> of the same list, a new row the open row, a new cell the open cell.
        open_tags = [n.tag for n in self.stack]
        if tag in _BLOCKS and "p" in open_tags:
            self._close("p")
        if tag == "li":
            for i in range(len(self.stack) - 1, 0, -1):
                if self.stack[i].tag in _LISTS:
                    break
                if self.stack[i].tag == "li":
                    del self.stack[i:]
                    break
        elif tag in ("td", "th", "tr"):
            for i in range(len(self.stack) - 1, 0, -1):
                current = self.stack[i].tag
                if current == "table":
                    break
                if current in ("td", "th") or (tag == "tr" and current == "tr"):
                    del self.stack[i:]
                    break

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if self.nodes >= MAX_NODES:
            self.truncated = True
            return
        self.nodes += 1
        self._close_implied(tag)
        node = Node(tag, {k: v or "" for k, v in attrs[:20]})
        self.stack[-1].children.append(node)
        if tag not in _VOID and len(self.stack) < MAX_DEPTH:
            self.stack.append(node)

    def handle_startendtag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if self.nodes >= MAX_NODES:
            self.truncated = True
            return
        self.nodes += 1
        self.stack[-1].children.append(Node(tag, {k: v or "" for k, v in attrs[:20]}))

    def handle_endtag(self, tag: str) -> None:
        if tag not in _VOID:
            self._close(tag)

    def handle_data(self, data: str) -> None:
        if self.nodes >= MAX_NODES:
            self.truncated = True
            return
        self.nodes += 1
        self.stack[-1].children.append(data)


def parse_html(html: str) -> tuple[Node, bool]:
    """Parse a draft into a Node tree; the flag tells whether limits cut it."""
    builder = _TreeBuilder()
    cut = len(html) > MAX_HTML_CHARS
    try:
        builder.feed(clean_text(html[:MAX_HTML_CHARS]))
        builder.close()
    except (
        Exception
    ):  # pragma: no cover - html.parser is forgiving; never let a draft break a report
        cut = True
    return builder.root, cut or builder.truncated


# --------------------------------------------------------------------------- rendering


def _collect_runs(node: Node | str, fmt: Fmt, out: list[Run]) -> None:
    """Flatten `node` into runs: inline styles apply, blocks inside inline content become breaks."""
    if isinstance(node, str):
        text = _SPACES.sub(" ", node)
        if text:
            out.append((text, fmt))
        return
    tag = node.tag
    if tag == "br":
        out.append(("\n", fmt))
        return
    if tag == "img":
        alt = node.attrs.get("alt", "").strip()
        if alt:
            out.append((f"[{alt}]", fmt))
        return
    if tag in _STYLE_TAGS:
        fmt = fmt.but(**_STYLE_TAGS[tag])
    separate = tag in _BLOCKS and out and out[-1][0] != "\n"
    if separate:
        out.append(("\n", fmt))
    for child in node.children:
        _collect_runs(child, fmt, out)
    if tag in ("td", "th"):
        out.append((" ", fmt))


def _tidy(runs: list[Run]) -> list[Run]:
    """Trim the spaces HTML would not show: at the ends of lines and doubled between runs."""
    result: list[Run] = []
    for text, fmt in runs:
        if result and text.startswith(" ") and (result[-1][0].endswith((" ", "\n"))):
            text = text.lstrip(" ")
        if text == "\n" and result:
            prev_text, prev_fmt = result[-1]
            result[-1] = (prev_text.rstrip(" "), prev_fmt)
        if text:
            result.append((text, fmt))
    while result and result[0][0].strip(" \n") == "":
        result.pop(0)
    while result and result[-1][0].strip(" \n") == "":
        result.pop()
    if result:
        result[0] = (result[0][0].lstrip(" \n"), result[0][1])
        result[-1] = (result[-1][0].rstrip(" \n"), result[-1][1])
    return [r for r in result if r[0]]


class HtmlRenderer:
    """Render one parsed draft into a sink of paragraphs and tables."""

    def __init__(self, sink: Sink, width: int, body: ParaProps, base: Fmt = PLAIN) -> None:
        self.sink = sink
        self.width = width
        self.body = body
        self.base = base

    def paragraph(self, runs: list[Run], props: ParaProps | None = None) -> None:
        """Emit one paragraph if there is any visible text."""
        runs = _tidy(runs)
        if runs:
            self.sink(make_p(runs, props or self.body))

    def blocks(self, node: Node) -> None:
        """Render the children of a block container, grouping loose inline content."""
        pending: list[Run] = []
        for child in node.children:
            if isinstance(child, Node) and child.tag in _BLOCKS:
                self.paragraph(pending)
                pending = []
                self.block(child)
            else:
                _collect_runs(child, self.base, pending)
        self.paragraph(pending)

    def block(self, node: Node) -> None:
        """Render one block element."""
        tag = node.tag
        if tag == "p":
            runs: list[Run] = []
            for child in node.children:
                _collect_runs(child, self.base, runs)
            self.paragraph(runs)
        elif tag in _HEADINGS:
            runs = []
            for child in node.children:
                _collect_runs(child, self.base.but(**_heading_changes(tag)), runs)
            props = ParaProps(after=3, before=6, keep_next=True, align="both", first_line=mm(10))
            self.paragraph(runs, props)
        elif tag in _LISTS:
            self.list(node, 0)
        elif tag == "li":  # an <li> outside any list
            self.list(Node("ul", children=[node]), 0)
        elif tag == "table":
            self.table(node)
        elif tag in _TABLE_PARTS or tag in ("tr", "td", "th"):
            self.table(Node("table", children=[node]))
        else:
            self.blocks(node)

    def list(self, node: Node, level: int) -> None:
        """Render a (nested) list with `-`/`+` bullets or `1.` numbers, indented by level."""
        ordered = node.tag == "ol"
        number = 0
        props = ParaProps(align="both", first_line=mm(10 + 6 * level), after=3)
        for child in node.children:
            if isinstance(child, str):
                if child.strip():
                    self.paragraph([(child, self.base)], props)
                continue
            if child.tag in _LISTS:
                self.list(child, level + 1)
                continue
            if child.tag != "li":
                if child.tag in _BLOCKS:
                    self.block(child)
                else:
                    self.paragraph(_runs_of(child, self.base), props)
                continue
            number += 1
            marker = f"{number}. " if ordered else ("- " if level == 0 else "+ ")
            runs: list[Run] = [(marker, self.base)]
            nested: list[Node] = []
            for item in child.children:
                if isinstance(item, Node) and (item.tag in _LISTS or item.tag == "table"):
                    nested.append(item)
                else:
                    _collect_runs(item, self.base, runs)
            self.paragraph(runs, props)
            for sub in nested:
                if sub.tag == "table":
                    self.table(sub)
                else:
                    self.list(sub, level + 1)

    def table(self, node: Node) -> None:
        """Render a table, bounded in rows, columns and cell text, with a note when cut."""
        caption: list[Run] = []
        rows: list[tuple[list[Node], bool]] = []
        total_rows = 0

        def take(row: Node, header: bool) -> None:
            nonlocal total_rows
            total_rows += 1
            if len(rows) < MAX_TABLE_ROWS:
                cells = [c for c in row.children if isinstance(c, Node) and c.tag in ("td", "th")]
                rows.append((cells, header))

        for child in node.children:
            if not isinstance(child, Node):
                continue
            if child.tag == "caption":
                _collect_runs(child, self.base.but(italic=True), caption)
            elif child.tag in _TABLE_PARTS:
                for row in child.children:
                    if isinstance(row, Node) and row.tag == "tr":
                        take(row, child.tag == "thead")
            elif child.tag == "tr":
                take(child, False)
            elif child.tag in ("td", "th"):
                take(Node("tr", children=[child]), False)
        if caption:
            self.paragraph(caption, ParaProps(align="center", keep_next=True, after=3))
        if not rows:
            return
        widest = max(sum(_span(c) for c in cells) for cells, _ in rows)
        ncols = max(1, min(widest, MAX_TABLE_COLS))
        col_width = max(mm(8), self.width // ncols)
        widths = [col_width] * ncols
        built = []
        for cells, in_thead in rows:
            header = in_thead or (bool(cells) and all(c.tag == "th" for c in cells))
            built.append([_html_cell(c, header) for c in cells])
        header_rows = 0
        for cells, in_thead in rows:
            if in_thead or (cells and all(c.tag == "th" for c in cells)):
                header_rows += 1
            else:
                break
        self.sink(make_table(widths, built, header_rows=header_rows))
        notes = []
        if total_rows > len(rows):
            notes.append(
                f"chỉ giữ {format_compact(len(rows))} dòng đầu trong số "
                f"{format_compact(total_rows)} dòng"
            )
        if widest > ncols:
            notes.append(f"chỉ giữ {ncols} cột đầu trong số {format_compact(widest)} cột")
        if notes:
            note = "(bảng quá lớn, đã lược bớt: " + "; ".join(notes) + ")"
            self.sink(text_p(note, Fmt(italic=True, size=12), ParaProps(align="left", after=6)))


def _heading_changes(tag: str) -> dict[str, object]:
    fmt = _HEADINGS[tag]
    return {"bold": fmt.bold, "italic": fmt.italic}


def _runs_of(node: Node, fmt: Fmt) -> list[Run]:
    runs: list[Run] = []
    _collect_runs(node, fmt, runs)
    return runs


def _span(cell: Node) -> int:
    try:
        return max(1, min(int(cell.attrs.get("colspan", "1") or 1), MAX_TABLE_COLS))
    except ValueError:
        return 1


def _html_cell(node: Node, header: bool) -> Cell:
    runs: list[Run] = []
    for child in node.children:
        _collect_runs(child, PLAIN, runs)
    runs = _tidy(runs)
    total = 0
    bounded: list[Run] = []
    for text, fmt in runs:
        if total + len(text) > MAX_CELL_CHARS:
            bounded.append((text[: MAX_CELL_CHARS - total] + "…", fmt))
            break
        bounded.append((text, fmt))
        total += len(text)
    return Cell(bounded or "", bold=header, align="center" if header else None, span=_span(node))


def render_html(
    html: str,
    sink: Sink,
    *,
    width: int,
    body: ParaProps | None = None,
    base: Fmt = PLAIN,
) -> None:
    """Render a sanitised HTML draft as paragraphs and tables passed to `sink`, in order.

    `width` is the text width in twips (tables use it); `body` the properties of ordinary
    paragraphs. Never raises on malformed input: what cannot be rendered is rendered as text,
    and a draft cut by the limits ends with a note saying so.
    """
    root, cut = parse_html(html or "")
    renderer = HtmlRenderer(sink, width, body or ParaProps(align="both"), base)
    renderer.blocks(root)
    if cut:
        sink(
            text_p(
                "(nội dung quá dài, đã lược bớt phần cuối)",
                Fmt(italic=True, size=12),
                ParaProps(align="left", after=6),
            )
        )
