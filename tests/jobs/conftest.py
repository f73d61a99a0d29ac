"""The jobs tests run against the same reference backend as the end-to-end tests."""

from tests.e2e.conftest import srv  # noqa: F401  (a pytest fixture, used by name)
