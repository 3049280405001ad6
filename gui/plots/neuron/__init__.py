"""The single-neuron diagram: the widget (diagram), the network and the biology drawings."""
