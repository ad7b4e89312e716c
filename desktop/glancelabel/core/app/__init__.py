"""The app's own files and secrets: settings, paths, API keys, logging, bundled resources."""
