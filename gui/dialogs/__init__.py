"""Dialogs and windows beside the main one: About, the user guide, message boxes."""
