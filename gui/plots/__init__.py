"""pyqtgraph views of the Session: fit, loss curve, loss landscape, the neuron."""
