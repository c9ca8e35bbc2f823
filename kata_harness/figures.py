"""Draw the README figures from the reference solutions.

    python -m kata_harness.figures            # every figure
    python -m kata_harness.figures 02 17      # some of them

Each figure is written as ``katas/NN_slug/figure.png`` and committed; the kata's README shows it.
The numbers come from the reference implementation, so a picture never disagrees with the tests.
"""

from __future__ import annotations

import sys
from collections.abc import Callable

import matplotlib

matplotlib.use("Agg")  # files only; no display on CI machines
import matplotlib.pyplot as plt  # noqa: E402
import numpy as np  # noqa: E402

from kata_harness.catalog import SOLUTIONS_DIR, find_kata  # noqa: E402
from kata_harness.implementation import load_implementation  # noqa: E402

SEED = 0


def _reference(kata_id: str):
    return load_implementation(find_kata(kata_id), SOLUTIONS_DIR)


def learning_curves(ax_pair) -> None:
    """01: training and validation error as the training set grows, for three tree depths."""
    from sklearn.tree import DecisionTreeRegressor

    ref = _reference("01_bias_variance")
    rng = np.random.default_rng(SEED)
    X = rng.random((1_000, 1)) * 10
    y = 2 * X.ravel() + 3 + rng.normal(0, 2, 1_000)
    sizes = np.linspace(20, 800, 12).astype(int)
    ax = ax_pair
    for depth, colour in ((1, "tab:blue"), (3, "tab:green"), (20, "tab:red")):
        model = DecisionTreeRegressor(max_depth=depth, random_state=SEED)
        n, train, val = ref.learning_curve_mse(model, X, y, sizes, random_state=SEED)
        ax.plot(n, train, "--", color=colour, label=f"depth {depth}, training")
        ax.plot(n, val, "-", color=colour, label=f"depth {depth}, validation")
    ax.axhline(4, color="grey", lw=0.8, label="noise floor (σ² = 4)")
    ax.set(
        xlabel="training rows",
        ylabel="mean squared error",
        ylim=(0, 16),
        title="Learning curves on y = 2x + 3 + noise",
    )
    ax.legend(fontsize=7, ncol=2)


def regularization_paths(ax) -> None:
    """02: Lasso and Ridge coefficients as alpha grows, on the seed's regression problem."""
    from sklearn.datasets import make_regression

    ref = _reference("02_regularization")
    X, y = make_regression(n_samples=100, n_features=20, n_informative=10, random_state=42)
    alphas = np.logspace(-2, 3, 40)
    ax.remove()
    fig = plt.gcf()
    left, right = fig.add_subplot(1, 2, 1), fig.add_subplot(1, 2, 2)
    for axis, penalty in ((left, "lasso"), (right, "ridge")):
        path = ref.coefficient_path(X, y, alphas, penalty=penalty)
        axis.semilogx(alphas, path, lw=1)
        axis.set(xlabel="alpha", ylabel="coefficient", title=f"{penalty.title()} path")
    left.text(0.02, 0.02, "exact zeros, one by one", transform=left.transAxes, fontsize=8)
    right.text(0.02, 0.02, "shrinks, never exactly 0", transform=right.transAxes, fontsize=8)


def pca_against_tsne(ax) -> None:
    """05: 500 digits embedded by PCA and by t-SNE."""
    from sklearn.datasets import load_digits

    ref = _reference("05_dimensionality_reduction")
    X, y = load_digits(return_X_y=True)
    X, y = X[:500], y[:500]
    ax.remove()
    fig = plt.gcf()
    for i, method in enumerate(("pca", "tsne")):
        axis = fig.add_subplot(1, 2, i + 1)
        points = ref.embed_2d(X, method, random_state=SEED)
        scatter = axis.scatter(points[:, 0], points[:, 1], c=y, cmap="tab10", s=6)
        axis.set(
            title=f"{'PCA' if method == 'pca' else 't-SNE'} of 500 digits", xticks=[], yticks=[]
        )
    fig.colorbar(scatter, ax=fig.axes, label="digit", ticks=range(10))


def roc_curves(ax) -> None:
    """06: ROC curves on the seed's breast-cancer split, from scores and from hard labels."""
    from sklearn.datasets import load_breast_cancer
    from sklearn.linear_model import LogisticRegression
    from sklearn.model_selection import train_test_split
    from sklearn.pipeline import make_pipeline
    from sklearn.preprocessing import StandardScaler

    ref = _reference("06_roc_auc")
    X, y = load_breast_cancer(return_X_y=True)
    X_train, X_test, y_train, y_test = train_test_split(X, y, test_size=0.3, random_state=42)
    model = make_pipeline(StandardScaler(), LogisticRegression()).fit(X_train, y_train)
    for label, score in (
        ("scores", model.predict_proba(X_test)[:, 1]),
        ("hard labels", model.predict(X_test).astype(float)),
    ):
        fpr, tpr, _ = ref.roc_curve(y_test, score)
        ax.plot(fpr, tpr, drawstyle="default", label=f"{label}: AUC {ref.auc(fpr, tpr):.3f}")
    ax.plot([0, 1], [0, 1], ":", color="grey", label="random ranking: AUC 0.5")
    ax.set(
        xlabel="false-positive rate",
        ylabel="true-positive rate",
        aspect="equal",
        title="ROC on breast cancer (logistic regression)",
    )
    ax.legend(loc="lower right", fontsize=8)


def peeking(ax) -> None:
    """13: false-positive rate of A/A tests against the number of interim looks."""
    ref = _reference("13_ab_testing")
    looks = [1, 2, 5, 10, 20]
    for correction, style in (("none", "o-"), ("bonferroni", "s--")):
        rates = [
            ref.peeking_false_positive_rate(
                0.05,
                20_000,
                n_looks=n,
                n_simulations=2_000,
                correction=correction,
                random_state=SEED,
            )
            for n in looks
        ]
        ax.plot(looks, rates, style, label=f"stop at first p < threshold ({correction})")
    ax.axhline(0.05, color="grey", lw=0.8, label="nominal alpha 0.05")
    ax.set(
        xlabel="interim looks",
        ylabel="false-positive rate (A/A)",
        ylim=(0, None),
        title="Peeking inflates false positives",
    )
    ax.legend(fontsize=8)


def optimizer_trajectories(ax) -> None:
    """17: four optimizers on a quadratic with condition number 100."""
    ref = _reference("17_gradient_descent")
    curvature = np.array([1.0, 100.0])
    start = np.array([1.5, 0.15])
    xs, ys = np.meshgrid(np.linspace(-0.2, 1.7, 200), np.linspace(-0.25, 0.25, 200))
    ax.contour(
        xs,
        ys,
        0.5 * (curvature[0] * xs**2 + curvature[1] * ys**2),
        levels=15,
        colors="lightgrey",
        linewidths=0.7,
    )
    for method, rate in (("gd", 0.019), ("momentum", 0.005), ("rmsprop", 0.01), ("adam", 0.02)):
        path = ref.optimize(
            lambda theta: curvature * theta, start, method=method, learning_rate=rate, n_steps=120
        )
        ax.plot(path[:, 0], path[:, 1], ".-", ms=2, lw=0.8, label=f"{method} (lr {rate})")
    ax.plot(0, 0, "k*", ms=10)
    ax.set(
        xlabel="θ₁ (curvature 1)",
        ylabel="θ₂ (curvature 100)",
        title="120 steps on an ill-conditioned quadratic",
    )
    ax.legend(fontsize=8)


FIGURES: dict[str, tuple[Callable, tuple[float, float]]] = {
    "01_bias_variance": (learning_curves, (7, 4.5)),
    "02_regularization": (regularization_paths, (10, 4)),
    "05_dimensionality_reduction": (pca_against_tsne, (11, 4.5)),
    "06_roc_auc": (roc_curves, (5.5, 5.5)),
    "13_ab_testing": (peeking, (7, 4.5)),
    "17_gradient_descent": (optimizer_trajectories, (8, 4.5)),
}


def draw(kata_id: str) -> None:
    draw_into, size = FIGURES[kata_id]
    fig, ax = plt.subplots(figsize=size)
    draw_into(ax)
    fig.savefig(find_kata(kata_id).folder / "figure.png", dpi=110, bbox_inches="tight")
    plt.close(fig)


def main(argv: list[str]) -> int:
    chosen = [k for k in FIGURES if not argv or any(k.startswith(a) for a in argv)]
    for kata_id in chosen:
        draw(kata_id)
        print(f"wrote {find_kata(kata_id).folder.name}/figure.png")
    return 0


if __name__ == "__main__":
    raise SystemExit(main(sys.argv[1:]))
