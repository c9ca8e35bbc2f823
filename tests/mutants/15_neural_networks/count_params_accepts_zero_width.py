"""Mistake: count_params checks only that there are two widths; a layer of 0 units is counted as if
it were a layer (here 10 parameters for [64, 0, 10]) instead of being refused.
"""

from kata_harness.implementation import inherit_reference


def count_params(layer_sizes):
    sizes = list(layer_sizes)
    if len(sizes) < 2:
        raise ValueError(
            f"layer_sizes needs at least two widths (inputs and outputs), got {sizes}"
        )
    return sum(n_in * n_out + n_out for n_in, n_out in zip(sizes[:-1], sizes[1:]))


inherit_reference(globals(), "15_neural_networks")
