"""Mistake: alerting on the rolling accuracy however few labels it rests on.

The first few labels after a deploy are a tiny sample; three wrong answers out of three is not a
collapse. Without a minimum number of labels the monitor pages on noise.
"""

from kata_harness.implementation import inherit_reference


def _reference_monitor():
    namespace = {}
    inherit_reference(namespace, "12_monitoring")
    return namespace["ModelMonitor"]


class ModelMonitor(_reference_monitor()):
    """The reference monitor with no minimum label count before alerting."""

    def check_alert(self):
        status = super().check_alert()
        status["alert"] = status["drop"] is not None and status["drop"] > self.alert_drop
        return status


inherit_reference(globals(), "12_monitoring")
