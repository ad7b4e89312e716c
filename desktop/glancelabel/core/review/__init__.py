"""Decisions on suggestions, the review queue, change sets and the undo stack."""
