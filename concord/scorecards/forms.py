"""The scorecard editor: the settings form, a row per KPI and a row per criterion (formsets), and
standings as lines. The scorecard's own fields (name, visibility) are ScorecardForm's, which the
API's bodies are also built from (core.inputs). The rest only shapes input into a definition, a
JSON document whose shape differs from these rows: definition.validate decides, and its messages
(by path, e.g. criteria[1].weight) are put back on the row and field they name."""

import itertools
import re
from typing import Any

from django import forms

from concord.core.errors import ValidationFailed
from concord.core.periods import PeriodKind
from concord.scorecards.definition import DEFAULT_STANDINGS
from concord.scorecards.models import Scorecard

PATH = re.compile(r"^(kpis|criteria)\[(\d+)\](?:\.(\w+))?")
BAND_LINE = re.compile(r"^\s*(?:(below)\s+)?(-?[\d.,]+)\s*:\s*(-?[\d.,]+)\s*$", re.IGNORECASE)
STANDING_LINE = re.compile(r"^\s*(.+?)\s*:\s*(-?[\d.,]+)\s*(?:to|-|–)\s*(-?[\d.,]+)\s*$")


class ScorecardForm(forms.ModelForm):
    """The scorecard's own fields (page and API); its definition comes with them."""

    class Meta:
        model = Scorecard
        fields = ["name", "visibility"]
        widgets = {"visibility": forms.RadioSelect}
        help_texts = {
            "visibility": "A shared scorecard may use shared goals only: the other side sees every value."
        }
        error_messages = {
            "name": {"required": "Name the scorecard."},
            "visibility": {"invalid_choice": "Choose shared or internal."},
        }


class ScorecardEditForm(ScorecardForm):
    """Change a scorecard's own fields (the API's PATCH)."""

    version = forms.IntegerField(widget=forms.HiddenInput)


class SettingsForm(ScorecardForm):
    """The editor's first part: the scorecard's fields and the definition's settings."""

    version = forms.IntegerField(widget=forms.HiddenInput, required=False)
    period = forms.ChoiceField(choices=[(k.value, k.value.capitalize()) for k in PeriodKind], initial="month")
    recency_periods = forms.IntegerField(
        min_value=1, max_value=60, initial=12, label="Overall score over the last … periods"
    )
    recency = forms.ChoiceField(
        choices=[("linear", "Recent periods weigh more (linear)"), ("equal", "Every period weighs the same")],
        initial="linear",
    )
    standings = forms.CharField(
        widget=forms.Textarea(attrs={"rows": 4}),
        help_text="One band per line, 'label: from to to', covering 0 to 100; 100 belongs to the top band.",
        initial="\n".join(f"{s['label']}: {s['min']} to {s['max']}" for s in DEFAULT_STANDINGS),
    )


class KpiForm(forms.Form):
    name = forms.CharField(max_length=40, required=False, help_text="lower_case, used in formulas")
    goal_id = forms.TypedChoiceField(coerce=int, required=False, empty_value=None, label="Goal")


class CriterionForm(forms.Form):
    name = forms.CharField(max_length=120, required=False)
    weight = forms.IntegerField(required=False, min_value=1, max_value=100)
    rule = forms.ChoiceField(choices=[("linear", "Linear"), ("bands", "Bands"), ("formula", "Formula")])
    kpi = forms.CharField(max_length=40, required=False, label="KPI")
    worst = forms.CharField(required=False, max_length=30)
    best = forms.CharField(required=False, max_length=30)
    bands = forms.CharField(
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text="'below 90: 0', then '90: 40', '95: 70', '98: 100' — from that value up.",
    )
    formula = forms.CharField(required=False, max_length=500)


KpiFormSet = forms.formset_factory(KpiForm, extra=2, max_num=30)
CriterionFormSet = forms.formset_factory(CriterionForm, extra=2, max_num=20)


def _num(text: str) -> float | str:
    cleaned = text.strip().replace(",", ".")
    try:
        return float(cleaned)
    except ValueError:
        return text


def bands_from_text(text: str) -> Any:
    """'below 90: 0' / '90: 40' / '95: 70' → bands, each running up to where the next starts."""
    bands: list[dict[str, Any]] = []
    for line in filter(str.strip, (text or "").splitlines()):
        match = BAND_LINE.match(line)
        if not match:
            return text  # not band lines: the validator says what is expected
        below, value, points = match.groups()
        if below:
            bands.append({"min": None, "max": _num(value), "points": _num(points)})
        else:
            bands.append({"min": _num(value), "max": None, "points": _num(points)})
    for band, following in itertools.pairwise(bands):
        if band["min"] is not None:
            band["max"] = following["min"]
    return bands


def bands_to_text(bands: list[dict[str, Any]]) -> str:
    lines = []
    for band in bands:
        if band.get("min") is None:
            lines.append(f"below {band.get('max'):g}: {band.get('points'):g}")
        else:
            lines.append(f"{band.get('min'):g}: {band.get('points'):g}")
    return "\n".join(lines)


def standings_from_text(text: str) -> Any:
    out = []
    for line in filter(str.strip, (text or "").splitlines()):
        match = STANDING_LINE.match(line)
        if not match:
            raise ValidationFailed.single("standings", f"Write '{line.strip()}' as 'label: from to to'.")
        label, low, high = match.groups()
        out.append({"label": label, "min": _num(low), "max": _num(high)})
    return out


def definition_from(settings: SettingsForm, kpis: Any, criteria: Any) -> dict[str, Any]:
    """The definition the three forms describe (blank rows skipped)."""
    data = settings.cleaned_data
    kpi_rows = [
        f.cleaned_data
        for f in kpis
        if f.cleaned_data and (f.cleaned_data.get("name") or f.cleaned_data.get("goal_id"))
    ]
    criterion_rows = [f.cleaned_data for f in criteria if f.cleaned_data and f.cleaned_data.get("name")]
    return {
        "period": data["period"],
        "recency_periods": data["recency_periods"],
        "recency": data["recency"],
        "kpis": [{"name": (r.get("name") or "").strip(), "goal_id": r.get("goal_id")} for r in kpi_rows],
        "criteria": [_criterion(r) for r in criterion_rows],
        "standings": standings_from_text(data["standings"]),
    }


def _criterion(row: dict[str, Any]) -> dict[str, Any]:
    out: dict[str, Any] = {"name": row["name"], "weight": row.get("weight"), "rule": row["rule"]}
    if row["rule"] == "formula":
        out["formula"] = row.get("formula") or ""
    else:
        out["kpi"] = (row.get("kpi") or "").strip()
    if row["rule"] == "linear":
        out["worst"] = _num(row.get("worst") or "")
        out["best"] = _num(row.get("best") or "")
    if row["rule"] == "bands":
        out["bands"] = bands_from_text(row.get("bands") or "")
    return out


def initial_from(
    definition: dict[str, Any],
) -> tuple[dict[str, Any], list[dict[str, Any]], list[dict[str, Any]]]:
    settings = {
        "period": definition.get("period", "month"),
        "recency_periods": definition.get("recency_periods", 12),
        "recency": definition.get("recency", "linear"),
        "standings": "\n".join(
            f"{s['label']}: {s['min']:g} to {s['max']:g}"
            for s in definition.get("standings", DEFAULT_STANDINGS)
        ),
    }
    criteria = []
    for c in definition.get("criteria", []):
        row = {k: c.get(k) for k in ("name", "weight", "rule", "kpi", "formula")}
        if c.get("rule") == "linear":
            row |= {"worst": f"{c['worst']:g}", "best": f"{c['best']:g}"}
        if c.get("rule") == "bands":
            row["bands"] = bands_to_text(c.get("bands", []))
        criteria.append(row)
    return settings, list(definition.get("kpis", [])), criteria


def place_errors(exc: ValidationFailed, settings: SettingsForm, kpis: Any, criteria: Any) -> None:
    """Put each message on the row and field its path names; the rest on the settings form."""
    rows = {
        "kpis": [
            f
            for f in kpis
            if f.cleaned_data and (f.cleaned_data.get("name") or f.cleaned_data.get("goal_id"))
        ]
    }
    rows["criteria"] = [f for f in criteria if f.cleaned_data and f.cleaned_data.get("name")]
    for path, messages in exc.errors.items():
        match = PATH.match(path)
        if match and int(match.group(2)) < len(rows[match.group(1)]):
            form = rows[match.group(1)][int(match.group(2))]
            field = match.group(3) if match.group(3) in form.fields else None
            for message in messages:
                form.add_error(field, message)
            continue
        field = path if path in settings.fields else None
        for message in messages:
            settings.add_error(
                field,
                message if field else f"{path}: {message}" if path not in ("criteria", "kpis") else message,
            )
