"""Mistake: a rolling window over the order labels *arrive* in, not the order predictions were made.

Labels are paired by id, but the window keeps the last labels to arrive. With delayed, shuffled
labels those belong to predictions from any time, so a recent fall in accuracy is diluted by old,
good predictions whose labels happened to come in late.
"""

from collections import deque

from kata_harness.implementation import inherit_reference


def _reference_monitor():
    namespace = {}
    inherit_reference(namespace, "12_monitoring")
    return namespace["ModelMonitor"]


class ModelMonitor(_reference_monitor()):
    """The reference monitor with an arrival-order window."""

    def __init__(self, baseline_accuracy, *, window=500, alert_drop=0.05, min_labels=50):
        super().__init__(
            baseline_accuracy, window=window, alert_drop=alert_drop, min_labels=min_labels
        )
        self.predictions_by_id = {}
        self.arrivals = deque(maxlen=window)

    def log_prediction(self, prediction_id, prediction):
        super().log_prediction(prediction_id, prediction)
        self.predictions_by_id[prediction_id] = prediction

    def log_label(self, prediction_id, label):
        super().log_label(prediction_id, label)
        self.arrivals.append(self.predictions_by_id[prediction_id] == label)

    def accuracy(self):
        if not self.arrivals:
            return None
        return sum(self.arrivals) / len(self.arrivals)


inherit_reference(globals(), "12_monitoring")
