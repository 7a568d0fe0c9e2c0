"""Data that ships with claims: the reference story (demo.json), a claims document."""
