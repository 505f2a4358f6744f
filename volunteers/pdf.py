"""Simple printable documents (letters, summaries) as PDFs.

The font comes from the `font-source-sans-pro` package (SIL Open Font Licence), so names
like Siân or Łukasz print as written. A document may carry the force's brand: a navy band
with the shield (the site's own mark, static/img/favicon.svg, drawn here), the sender's
name, a row of headline figures, and a footer with page numbers."""

from collections.abc import Sequence
from pathlib import Path

import font_source_sans_pro
from fpdf import FPDF

FONTS = Path(font_source_sans_pro.__file__).parent / "files"
MARGIN_MM = 25
NAVY = (11, 37, 69)  # --cip-navy in site.css
GOLD = (255, 191, 71)  # --cip-focus
GREY = (243, 242, 241)  # the site footer's background
BAND_MM = 22


class _Branded(FPDF):
    """A page with the brand band across the top and the sender and page in the footer."""

    brand = ""

    def header(self):
        if not self.brand:
            return
        self.set_fill_color(*NAVY)
        self.rect(0, 0, self.w, BAND_MM, style="F")
        # The shield: the site's favicon path, scaled to the band.
        x, y, s = MARGIN_MM, 4, 14 / 32
        points = [(16, 5), (25, 9), (25, 15), (16, 27), (7, 15), (7, 9)]
        self.set_fill_color(*GOLD)
        self.polygon([(x + px * s, y + py * s) for px, py in points], style="F")
        self.set_xy(MARGIN_MM + 18, 6)
        self.set_text_color(255, 255, 255)
        self.set_font("Source Sans", "B", 13)
        self.cell(0, 10, self.brand)
        self.set_text_color(0, 0, 0)
        self.set_y(BAND_MM + 10)

    def footer(self):
        if not self.brand:
            return
        self.set_y(-15)
        self.set_font("Source Sans", "", 9)
        self.set_text_color(80, 80, 80)
        self.cell(0, 6, f"{self.brand} · page {self.page_no()} of {{nb}}", align="C")
        self.set_text_color(0, 0, 0)


def _figures(pdf: FPDF, figures: Sequence[tuple[str, str]]) -> None:
    """Headline figures side by side: the number large (smaller if it is long, so it stays
    in its box), what it counts beneath; every box as tall as the longest caption needs."""
    width = (pdf.w - 2 * MARGIN_MM) / len(figures)
    inner = width - 6
    pdf.set_font("Source Sans", "", 9)
    lines = max(
        len(pdf.multi_cell(inner, 4.5, words, dry_run=True, output="LINES")) for _, words in figures
    )
    height = 13 + 4.5 * lines + 2
    top = pdf.get_y()
    for i, (figure, words) in enumerate(figures):
        left = MARGIN_MM + i * width
        pdf.set_fill_color(*GREY)
        pdf.rect(left + 1, top, width - 2, height, style="F")
        size = 16
        pdf.set_font("Source Sans", "B", size)
        while size > 8 and pdf.get_string_width(figure) > inner:
            size -= 1
            pdf.set_font("Source Sans", "B", size)
        pdf.set_xy(left + 3, top + 2)
        pdf.set_text_color(*NAVY)
        pdf.cell(inner, 9, figure)
        pdf.set_xy(left + 3, top + 11)
        pdf.set_font("Source Sans", "", 9)
        pdf.set_text_color(0, 0, 0)
        pdf.multi_cell(inner, 4.5, words, align="L")
    pdf.set_xy(MARGIN_MM, top + height + 6)


def document_pdf(
    *,
    heading: str,
    paragraphs: list[str],
    title: str,
    author: str,
    brand: str = "",
    figures: Sequence[tuple[str, str]] = (),
) -> bytes:
    """A heading, then paragraphs (each may hold line breaks), on A4; with `brand`, the
    band, footer and any headline `figures` (number, what it counts) under the heading."""
    pdf = _Branded(format="A4")
    pdf.brand = brand
    pdf.set_title(title)
    pdf.set_author(author)
    pdf.set_margins(MARGIN_MM, MARGIN_MM, MARGIN_MM)
    pdf.set_auto_page_break(auto=True, margin=MARGIN_MM)
    pdf.add_font("Source Sans", "", str(FONTS / "SourceSansPro-Regular.ttf"))
    pdf.add_font("Source Sans", "B", str(FONTS / "SourceSansPro-Bold.ttf"))
    pdf.add_page()
    pdf.set_font("Source Sans", "B", 16 if brand else 14)
    pdf.set_text_color(*(NAVY if brand else (0, 0, 0)))
    pdf.multi_cell(0, 8, heading)
    pdf.set_text_color(0, 0, 0)
    pdf.ln(4)
    if figures:
        _figures(pdf, figures)
    pdf.set_font("Source Sans", "", 11)
    for paragraph in paragraphs:
        pdf.multi_cell(0, 6, paragraph.strip())
        pdf.ln(4)
    return bytes(pdf.output())
