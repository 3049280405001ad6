"""The Formula tab: the chapter's formulas with the live numbers of the session."""
