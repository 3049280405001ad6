"""Small widgets and field helpers shared by panels, tabs and dialogs."""
