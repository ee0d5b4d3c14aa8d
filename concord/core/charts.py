"""One chart definition for the page and the files: Vega-Lite specs (built with Altair).

The page renders a spec with the vendored vega-embed; the server renders the same spec to SVG, PNG
or PDF with vl-convert (Vega 6.2 / Vega-Lite 6.4 — the vendored versions), in the vendored DejaVu
font so the output is the same on every machine, with or without system fonts.
"""

import functools
from pathlib import Path
from typing import TYPE_CHECKING, Any

from django.http import HttpResponse

from concord.core.downloads import attachment
from concord.core.errors import NotFound

if TYPE_CHECKING:
    import altair as alt

VEGA_LITE = "6.4"
FONT = "DejaVu Sans"
FONTS = Path(__file__).resolve().parent / "fonts"
CONFIG = {
    "font": FONT,
    "view": {"stroke": None},
    "axis": {"labelFontSize": 11, "titleFontSize": 12, "gridColor": "#e6e6e6"},
    "legend": {"orient": "bottom", "labelFontSize": 11},
}
SVG = "image/svg+xml"
PNG = "image/png"
PDF = "application/pdf"
FORMATS = {"svg": SVG, "png": PNG, "pdf": PDF}


@functools.cache
def _fonts() -> None:
    import vl_convert  # heavy to import: only a rendered file pays for it

    vl_convert.register_font_directory(str(FONTS))


def finish(chart: "alt.TopLevelMixin", *, title: str = "") -> dict[str, Any]:
    """The JSON spec of `chart` with the house config. Altair's schema validation is skipped at
    run time (it costs ~30 ms a chart); the tests validate every chart against the schema."""
    titled = chart.properties(title=title) if title else chart
    spec = titled.to_dict(validate=False)
    spec["config"] = {**CONFIG, **spec.get("config", {})}
    return spec


def render(spec: dict[str, Any], fmt: str, width: int = 720) -> bytes:
    """The spec as an SVG, PNG or PDF file; a view sized to its container gets a fixed width, as a file
    has no container to fill."""
    import vl_convert

    _fonts()
    fixed = {**spec, "width": width} if "width" in spec else spec
    if fmt == "svg":
        return vl_convert.vegalite_to_svg(fixed, vl_version=VEGA_LITE).encode("utf-8")
    if fmt == "png":
        return bytes(vl_convert.vegalite_to_png(fixed, vl_version=VEGA_LITE, scale=2))
    if fmt == "pdf":
        return bytes(vl_convert.vegalite_to_pdf(fixed, vl_version=VEGA_LITE))
    raise ValueError(fmt)


def download(spec: dict[str, Any], fmt: str, stem: str) -> HttpResponse:
    """The chart as a file download; an unknown format is a missing page."""
    if fmt not in FORMATS:
        raise NotFound()
    return attachment(render(spec, fmt), FORMATS[fmt], f"{stem}.{fmt}")
