"""The devserver's HTTP routes, one module per area of the real backend."""
