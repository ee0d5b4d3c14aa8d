"""A supplier's offering portfolio, made up deterministically (the demo and the generator): a few
hand-written offerings that fit the demo customer, and many more of every kind — replacements
and upgrades of equipment the customer may or may not have, services, some at end of sale, some
needing what the customer lacks — so the fit engine has a real menu to choose from."""

import random
from typing import Any

THEMES = ["cost", "uptime", "quality", "sustainability", "safety", "compliance", "speed", "innovation"]
CATEGORIES = ["Bioreactors", "Mixing", "Filtration", "Fluid management", "Services", "Digital", "Consumables"]
KINDS = ["mixer", "bioreactor", "filtration skid", "tube welder", "pump", "sensor", "controller", "bag"]
MAKES = ["Aurora", "Xcellerex", "Sartorix", "Pallas", "Thermo-Lab", "Cytiva-Line"]
VERBS = ["upgrade kit", "retrofit", "replacement", "service plan", "monitoring", "training"]

# Hand-written: what the demo customer's installed base and goals call for.
FEATURED: list[dict[str, Any]] = [
    {
        "name": "Aurora Mix-200 single-use mixer",
        "category": "Mixing",
        "tags": "single-use, mixing, 2,000 L",
        "replaces": "Aurora Mix-100",
        "compatible_with": "Aurora FS-50",
        "themes": ["uptime", "quality"],
        "cost_band": 3,
        "lead_time_days": 42,
        "lifecycle": "new",
        "description": "Magnetic drive, no seals to wear; runs our current bag formats.",
    },
    {
        "name": "XDR controller retrofit",
        "category": "Bioreactors",
        "tags": "controller, retrofit, data integrity",
        "replaces": "Xcellerex XDR-200",
        "themes": ["uptime", "compliance"],
        "cost_band": 2,
        "lead_time_days": 28,
        "lifecycle": "mainstream",
        "description": "New controller and Annex 1 audit trail for the XDR-200 fleet.",
    },
    {
        "name": "Film recovery programme",
        "category": "Services",
        "tags": "take-back, recycling",
        "compatible_with": "bioprocess bag",
        "themes": ["sustainability", "cost"],
        "cost_band": 1,
        "lead_time_days": 14,
        "lifecycle": "new",
        "description": "We collect used bags and film and recycle them; reported per quarter.",
    },
    {
        "name": "FS-60 filtration skid",
        "category": "Filtration",
        "tags": "filtration, TFF",
        "replaces": "Aurora FS-50",
        "themes": ["quality", "speed"],
        "cost_band": 4,
        "lead_time_days": 90,
        "lifecycle": "mainstream",
        "description": "Higher flux; the FS-50's cassettes fit.",
    },
    {
        "name": "Cloud batch analytics",
        "category": "Digital",
        "tags": "analytics, SaaS",
        "prerequisites": "MES connector",
        "themes": ["quality", "innovation"],
        "cost_band": 2,
        "lead_time_days": 21,
        "lifecycle": "new",
        "description": "Needs the MES connector on site.",
    },
    {
        "name": "TW-2 tube welder",
        "category": "Fluid management",
        "replaces": "tube welder",
        "themes": ["uptime"],
        "cost_band": 2,
        "lead_time_days": 10,
        "lifecycle": "end_of_sale",
        "description": "Last units; superseded by the TW-4.",
    },
]


def offerings(seed: str, count: int) -> list[dict[str, Any]]:
    """`count` offerings as service arguments, the same for the same seed."""
    rng = random.Random(seed)
    made = []
    for n in range(count):
        kind, make, verb = rng.choice(KINDS), rng.choice(MAKES), rng.choice(VERBS)
        model = f"{make} {kind[:2].upper()}-{rng.randint(1, 9)}00"
        made.append(
            {
                "name": f"{model} {verb} {n + 1}",
                "category": rng.choice(CATEGORIES),
                "tags": ", ".join(
                    rng.sample(["GMP", "single-use", "digital", "service", "retrofit", "ATEX"], 2)
                ),
                "replaces": model if verb in ("upgrade kit", "retrofit", "replacement") else "",
                "compatible_with": rng.choice(["", "", kind, make]),
                "prerequisites": rng.choice(["", "", "", "", "MES connector", "clean steam"]),
                "themes": rng.sample(THEMES, rng.randint(1, 3)),
                "cost_band": rng.randint(1, 5),
                "lead_time_days": rng.choice([7, 14, 30, 45, 60, 90, 120]),
                "lifecycle": rng.choice(["new", "mainstream", "mainstream", "mainstream", "end_of_sale"]),
            }
        )
    return made
