"""Mistake: pairing predictions with labels by position, as the seed's monitor does.

Predictions go in one list and labels in another, and accuracy compares them element by element.
That only works if every label arrives, in the order the predictions were made. With delayed,
partial, shuffled labels it compares unrelated predictions and labels.
"""

import numpy as np

from kata_harness.implementation import inherit_reference


class ModelMonitor:
    """A monitor that keeps predictions and labels in two parallel lists."""

    def __init__(self, baseline_accuracy, *, window=500, alert_drop=0.05, min_labels=50):
        self.baseline_accuracy = baseline_accuracy
        self.window = window
        self.alert_drop = alert_drop
        self.min_labels = min_labels
        self.ids = set()
        self.predictions = []
        self.labels = []

    def log_prediction(self, prediction_id, prediction):
        if prediction_id in self.ids:
            raise ValueError(f"prediction id {prediction_id!r} was already logged")
        self.ids.add(prediction_id)
        self.predictions.append(prediction)

    def log_label(self, prediction_id, label):
        if prediction_id not in self.ids:
            raise ValueError(f"no prediction was logged with id {prediction_id!r}")
        self.labels.append(label)

    def accuracy(self):
        if not self.labels:
            return None
        n = len(self.labels)
        recent = slice(max(0, n - self.window), n)
        return float(
            np.mean(np.array(self.predictions[:n][recent]) == np.array(self.labels[recent]))
        )

    def check_alert(self):
        accuracy = self.accuracy()
        n_labels = min(len(self.labels), self.window)
        drop = None if accuracy is None else self.baseline_accuracy - accuracy
        alert = drop is not None and n_labels >= self.min_labels and drop > self.alert_drop
        return {
            "alert": alert,
            "accuracy": accuracy,
            "baseline": self.baseline_accuracy,
            "drop": drop,
            "n_labels": n_labels,
        }


inherit_reference(globals(), "12_monitoring")
