"""The spot-check: samples, statistics, the verdict (the CLI command and SQL tables say 'audit')."""
