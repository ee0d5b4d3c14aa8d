from decimal import Decimal, InvalidOperation
from typing import Any

from django import template
from django.utils.safestring import SafeString

from concord.core import locales
from concord.core.markdown import render_markdown

register = template.Library()


@register.filter(name="markdown")
def markdown_filter(text: str) -> SafeString:
    return render_markdown(text)


@register.simple_tag(takes_context=True)
def active_tab(context: template.Context, name: str) -> str:
    return "page" if context.get("tab") == name else "false"


@register.simple_tag(takes_context=True)
def page_link(context: template.Context, param: str, number: int) -> str:
    """The query string of this page with `param` set to `number` (the filters are kept)."""
    query = context["request"].GET.copy()
    query[param] = str(number)
    return "?" + str(query.urlencode())


@register.simple_tag(takes_context=True)
def export_query(context: template.Context) -> str:
    """This page's filters as a query string for its export (the page numbers left out)."""
    query = context["request"].GET.copy()
    for key in [k for k in query if k == "page" or k.endswith("page")]:
        del query[key]
    return "?" + str(query.urlencode()) if query else ""


@register.filter(name="get_item")
def get_item(mapping: dict[str, object] | None, key: str) -> object:
    return (mapping or {}).get(key, "")


@register.filter(name="num")
def num(value: Any, places: int = 2) -> str:
    """A measured number as the reader writes it: at most `places` decimals, no trailing zeros,
    thousands grouped (12,390; 96.9; 0.25 — or 12.390; 96,9 in a German format). Empty for None."""
    if value is None or value == "":
        return ""
    try:
        return locales.format_number(Decimal(str(value)), int(places))
    except InvalidOperation:
        return str(value)
