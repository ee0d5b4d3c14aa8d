from django.apps import AppConfig


class HealthConfig(AppConfig):
    name = "concord.health"
    label = "health"

    def ready(self) -> None:
        # The index is marked stale when a partnership's records change (any write, any entry
        # point: the audit's `committed` signal), and recomputed by the daily job.
        from concord.health import listeners, tasks  # noqa: F401
