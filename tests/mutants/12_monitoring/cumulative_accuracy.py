"""Mistake: accuracy over every label ever received, with no rolling window.

Labels are paired by id, but the monitor averages over its whole history. After a long good
period, a sharp recent fall barely moves the all-time average, so the alert comes late or never.
"""

from kata_harness.implementation import inherit_reference


def _reference_monitor():
    namespace = {}
    inherit_reference(namespace, "12_monitoring")
    return namespace["ModelMonitor"]


class ModelMonitor(_reference_monitor()):
    """The reference monitor, averaging over all labels."""

    def accuracy(self):
        if not self._labels:
            return None
        hits = sum(self._predictions[i] == label for i, label in self._labels.items())
        return hits / len(self._labels)


inherit_reference(globals(), "12_monitoring")
