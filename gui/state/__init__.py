"""The lab's state without widgets: the Session, its values, the run loop, lessons as data."""
