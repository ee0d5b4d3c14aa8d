from typing import Any

import pytest
from django.test import Client

from tests.world import World, build_world


@pytest.fixture
def world(db: Any) -> World:
    return build_world()


@pytest.fixture
def client_for(world: World) -> Any:
    """A browser-like client signed in as a persona ("anon" stays signed out)."""

    def make(persona: str) -> Client:
        client = Client()
        user = world.user(persona)
        if user is not None:
            client.force_login(user)
        return client

    return make


@pytest.fixture(autouse=True)
def _fast_passwords(settings: Any) -> None:
    """Password hashing is deliberately slow; tests build many accounts and need not be."""
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
