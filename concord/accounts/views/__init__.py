"""The person's own pages: signing in (signin.py), two-factor sign-in (two_factor.py) and API
tokens (tokens.py)."""
