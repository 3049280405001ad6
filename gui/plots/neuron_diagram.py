"""The neuron diagram's old address: the widget now lives in gui.plots.neuron.diagram, with
the network and the biology drawings beside it in gui.plots.neuron."""

from linreg_lab.gui.plots.neuron.diagram import NeuronDiagram

__all__ = ["NeuronDiagram"]
