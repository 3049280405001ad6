"""Words and numbers shown to the learner: number formatting, explanations."""
