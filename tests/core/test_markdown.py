"""Notes are rendered by one reused converter: nothing of one text may leak into the next."""

from concord.core.markdown import render_markdown


def test_definitions_of_one_text_do_not_carry_into_the_next() -> None:
    first = render_markdown("The SLA applies.[^1]\n\n[^1]: Internal: penalty 2 %.")
    assert "penalty 2 %" in first
    second = render_markdown("The SLA applies.[^1]")
    assert "penalty" not in second and "fn:1" not in second  # an undefined footnote stays text
    assert render_markdown("<script>alert(1)</script>**ok**").strip() == "<p><strong>ok</strong></p>"


def test_a_rendering_is_kept_under_the_hash_of_its_text_only() -> None:
    import hashlib

    from django.core.cache import cache

    text = "Quarterly **review** moved to [the portal](https://example.com)."
    html = render_markdown(text)
    key = "markdown:1:" + hashlib.sha256(text.encode()).hexdigest()
    assert cache.get(key) == str(html)  # what the next page reads instead of converting again
    assert render_markdown(text) == html
    cache.set(key, "<p>stale</p>")
    assert render_markdown(text + " ") != "<p>stale</p>"  # another text, another key
