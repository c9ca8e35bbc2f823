"""Mistake: counting only the kernels, n_in * n_out per layer, and forgetting each layer's n_out biases.

For the seed's network that gives 17,026 instead of 17,226.
"""

from kata_harness.implementation import inherit_reference


def count_params(layer_sizes):
    sizes = list(layer_sizes)
    if len(sizes) < 2:
        raise ValueError(
            f"layer_sizes needs at least two widths (inputs and outputs), got {list(sizes)}"
        )
    return sum(n_in * n_out for n_in, n_out in zip(sizes[:-1], sizes[1:]))


inherit_reference(globals(), "15_neural_networks")
