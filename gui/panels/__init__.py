"""The side panels, the toolbar's controls, the banner, status line and comparison table."""
