"""Team work through a Label Studio server: connect, push images with suggestions, pull reviews.

Qt-free. Only `server.py` imports `label_studio_sdk` (the optional extra `glancelabel[team]`), and
only when a command or dialog uses the server.
"""
