"""Asking models: one-image asks, the concurrent runner and its rate limits, the providers' Batch APIs."""
