"""The bottom teaching tabs, each a live view on the same Session."""
