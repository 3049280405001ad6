"""The window's shell: entry point, main window, actions, settings, translations, icon."""
