"""Simple printable documents (letters, summaries) as PDFs.

The font comes from the `font-source-sans-pro` package (SIL Open Font Licence), so names
like Siân or Łukasz print as written."""

from pathlib import Path

import font_source_sans_pro
from fpdf import FPDF

FONTS = Path(font_source_sans_pro.__file__).parent / "files"
MARGIN_MM = 25


def document_pdf(*, heading: str, paragraphs: list[str], title: str, author: str) -> bytes:
    """A heading, then paragraphs (each may hold line breaks), on A4."""
    pdf = FPDF(format="A4")
    pdf.set_title(title)
    pdf.set_author(author)
    pdf.set_margins(MARGIN_MM, MARGIN_MM, MARGIN_MM)
    pdf.set_auto_page_break(auto=True, margin=MARGIN_MM)
    pdf.add_font("Source Sans", "", str(FONTS / "SourceSansPro-Regular.ttf"))
    pdf.add_font("Source Sans", "B", str(FONTS / "SourceSansPro-Bold.ttf"))
    pdf.add_page()
    pdf.set_font("Source Sans", "B", 14)
    pdf.multi_cell(0, 8, heading)
    pdf.ln(4)
    pdf.set_font("Source Sans", "", 11)
    for paragraph in paragraphs:
        pdf.multi_cell(0, 6, paragraph.strip())
        pdf.ln(4)
    return bytes(pdf.output())
