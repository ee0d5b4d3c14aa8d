from django import template
from django.utils.safestring import SafeString

from concord.core.markdown import render_markdown

register = template.Library()


@register.filter(name="markdown")
def markdown_filter(text: str) -> SafeString:
    return render_markdown(text)


@register.simple_tag(takes_context=True)
def active_tab(context: template.Context, name: str) -> str:
    return "page" if context.get("tab") == name else "false"


@register.filter(name="get_item")
def get_item(mapping: dict[str, object] | None, key: str) -> object:
    return (mapping or {}).get(key, "")
