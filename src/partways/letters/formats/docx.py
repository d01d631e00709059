"""A Word document (.docx) of the letter, right to left for Arabic."""

from __future__ import annotations

from io import BytesIO

from docx import Document
from docx.document import Document as DocxDocument
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.shared import Cm, Mm
from docx.text.paragraph import Paragraph
from docx.text.run import Run

from ..model import Letter

# Word tags a run's language per script: w:val for Latin text (spelling, hyphenation),
# w:bidi for right-to-left text. ar-SA: the Arabic that Word proofs by default.
_LANGUAGE_TAGS = {"en": "en-US", "id": "id-ID", "hr": "hr-HR", "ar": "ar-SA"}
# The w:pPr children that follow w:bidi, in the schema's order: Word rejects a file
# whose elements are out of order.
_AFTER_BIDI = (
    "w:adjustRightInd", "w:snapToGrid", "w:spacing", "w:ind", "w:contextualSpacing",
    "w:mirrorIndents", "w:suppressOverlap", "w:jc", "w:textDirection", "w:textAlignment",
    "w:textboxTightWrap", "w:outlineLvl", "w:divId", "w:cnfStyle", "w:rPr", "w:sectPr",
    "w:pPrChange",
)  # fmt: skip


def _set_languages(document: DocxDocument, lang: str) -> None:
    r_pr = document.styles.element.find(qn("w:docDefaults") + "/" + qn("w:rPrDefault"))
    lang_el = None if r_pr is None else r_pr.find(qn("w:rPr") + "/" + qn("w:lang"))
    if lang_el is None:  # python-docx's own template has one; a changed one might not
        return
    if lang != "ar":
        lang_el.set(qn("w:val"), _LANGUAGE_TAGS[lang])
    lang_el.set(qn("w:bidi"), _LANGUAGE_TAGS["ar"])


def _right_to_left(paragraph: Paragraph) -> None:
    # No w:jc: in a w:bidi paragraph Word reads "left"/"right" as start/end, so
    # jc="right" would put the text on the left edge. Unset, it starts at the right.
    p_pr = paragraph._p.get_or_add_pPr()
    p_pr.insert_element_before(OxmlElement("w:bidi"), *_AFTER_BIDI)
    for run in paragraph.runs:
        run.font.rtl = True


def _add_lines(paragraph: Paragraph, lines: tuple[str, ...]) -> list[Run]:
    runs = []
    for i, line in enumerate(lines):
        run = paragraph.add_run(line)
        if i < len(lines) - 1:
            run.add_break()
        runs.append(run)
    return runs


def to_docx(letter: Letter) -> bytes:
    """The letter as a .docx file's bytes: its frame (letterhead, recipient, date line),
    the subject line in bold, then its paragraphs (their
    lines kept as line breaks) and bulleted lists; paragraphs and runs marked right to
    left for a right-to-left language. Title and language are set in the document's
    properties."""
    document = Document()
    core = document.core_properties
    core.title = letter.subject
    core.language = letter.lang
    # Neither python-docx's name nor its template's comment: the letter's sender signs it.
    core.author = core.comments = ""
    _set_languages(document, letter.lang)
    # A4 with the PDF's margins (python-docx's template is US Letter): the paper of
    # every country the letters are written for.
    for section in document.sections:
        section.page_width, section.page_height = Mm(210), Mm(297)
        section.left_margin = section.right_margin = Cm(2.5)
        section.top_margin = section.bottom_margin = Cm(2.5)

    frame = letter.frame_plain()
    paragraphs = []
    for part in ("letterhead", "recipient", "date_line"):
        if frame[part]:
            paragraph = document.add_paragraph()
            runs = _add_lines(paragraph, frame[part])
            if part == "letterhead":
                runs[0].font.bold = runs[0].font.cs_bold = True
            paragraphs.append(paragraph)
    heading = document.add_paragraph()
    for run in _add_lines(heading, frame["subject_line"]):
        run.font.bold = run.font.cs_bold = True  # cs_bold: Arabic takes its bold from w:bCs
    paragraphs.append(heading)
    for block in letter.blocks:
        if block.kind == "list":
            paragraphs += [document.add_paragraph(item, "List Bullet") for item in block.plain()]
        else:
            paragraph = document.add_paragraph()
            _add_lines(paragraph, block.plain())
            paragraphs.append(paragraph)
    if letter.direction == "rtl":
        for paragraph in paragraphs:
            _right_to_left(paragraph)
    out = BytesIO()
    document.save(out)
    return out.getvalue()
