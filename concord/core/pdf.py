"""PDF output: a document written as Markdown (the same text as the Markdown export) set in type.

fpdf2 is pure Python, so PDF export needs no system libraries; the DejaVu fonts are vendored
(concord/core/fonts, with their licence) because the PDF core fonts cannot print "—", "≥" or names
like "Łukasz". The Markdown goes through the same sanitiser as every page, so user text cannot
inject anything into the PDF either.
"""

import io
import logging
from collections.abc import Sequence
from datetime import datetime
from pathlib import Path

from django.utils import timezone
from fpdf import FPDF
from fpdf.fonts import FontFace

from concord.core.markdown import render_markdown

FONTS = Path(__file__).resolve().parent / "fonts"
_STYLES = {"": "DejaVuSans.ttf", "B": "DejaVuSans-Bold.ttf", "I": "DejaVuSans-Oblique.ttf"}
_STYLES["BI"] = "DejaVuSans-BoldOblique.ttf"
# fontTools reports every glyph it subsets at INFO; that is noise in a server log.
logging.getLogger("fontTools").setLevel(logging.WARNING)


class _Document(FPDF):
    footer_text = ""

    def footer(self) -> None:
        self.set_y(-12)
        self.set_font("DejaVu", size=7)
        self.set_text_color(110)
        self.cell(0, 5, f"{self.footer_text} · page {self.page_no()}/{{nb}}", align="C")


def markdown_pdf(
    markdown_text: str,
    *,
    title: str,
    generated: datetime | None = None,
    images: Sequence[tuple[str, bytes]] = (),
) -> bytes:
    """Render Markdown to a paginated A4 PDF with a title in its metadata and a footer; `images`
    (a caption and PNG bytes each: charts rendered by core.charts) follow the text, page-wide."""
    pdf = _Document(format="A4")
    for style, filename in _STYLES.items():
        pdf.add_font("DejaVu", style=style, fname=str(FONTS / filename))
    when = timezone.localtime(generated or timezone.now())
    pdf.footer_text = f"{title} · Concord · {when:%Y-%m-%d %H:%M}"
    pdf.set_title(title)
    pdf.set_creator("Concord")
    pdf.set_margins(18, 16, 18)
    pdf.set_auto_page_break(auto=True, margin=16)
    pdf.add_page()
    pdf.set_font("DejaVu", size=10)
    pdf.write_html(
        str(render_markdown(markdown_text)),
        font_family="DejaVu",
        tag_styles={
            "h1": FontFace(family="DejaVu", emphasis="BOLD", size_pt=18, color="#1d3557"),
            "h2": FontFace(family="DejaVu", emphasis="BOLD", size_pt=14, color="#1d3557"),
            "h3": FontFace(family="DejaVu", emphasis="BOLD", size_pt=11, color="#1d3557"),
            "code": FontFace(family="DejaVu", size_pt=9),
            "pre": FontFace(family="DejaVu", size_pt=9),
        },
    )
    for caption, png in images:
        pdf.ln(4)
        pdf.set_font("DejaVu", style="B", size=11)
        pdf.multi_cell(0, 6, caption)
        pdf.image(io.BytesIO(png), w=pdf.epw)
    return bytes(pdf.output())
