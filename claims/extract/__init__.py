"""Drafting an article's attributions from its text: reading, finding, typing, writing."""
