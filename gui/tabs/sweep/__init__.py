"""The sweep tab: tune a hyperparameter on the validation set; estimation error against n."""
