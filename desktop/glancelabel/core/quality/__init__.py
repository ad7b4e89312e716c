"""How good the AI was: matching, counts, the quality report and its HTML export."""
