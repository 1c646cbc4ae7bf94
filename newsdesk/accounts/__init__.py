"""Accounts: login, sessions, users, passwords, throttling, the access policy, API tokens."""
