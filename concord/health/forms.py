"""The input of the weights' settings (the page's form, also the API's body)."""

from typing import Any

from django import forms

from concord.health import index


class WeightsForm(forms.Form):
    version = forms.IntegerField(widget=forms.HiddenInput)

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        for component in index.Component:
            self.fields[component.value] = forms.IntegerField(
                label=index.LABELS[component],
                help_text=index.HELP[component],
                min_value=0,
                max_value=100,
                initial=index.DEFAULT_WEIGHTS[component],
                error_messages={
                    "required": "Give a weight from 0 to 100.",
                    "min_value": "Give a weight from 0 to 100.",
                    "max_value": "Give a weight from 0 to 100.",
                    "invalid": "Give a weight from 0 to 100.",
                },
            )

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        values = {c.value: data.get(c.value) for c in index.Component}
        if all(isinstance(v, int) for v in values.values()):
            for key, message in index.weight_problems(values).items():  # type: ignore[arg-type]
                self.add_error(key, message)
        return data
