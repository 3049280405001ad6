"""The Lesson tab: the chapter's sections and exercises to read, tick and try."""
