"""Session tokens for the acme web app."""

import secrets


def new_session_token() -> str:
    """Return a fresh, unguessable session token."""
    return secrets.token_urlsafe(32)
