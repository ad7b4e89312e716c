"""Two-model consensus: the suggestions two runs agree on, and those they dispute."""
