"""Okabe-Ito colours, colour-blind safe; the same colour means the same thing in every plot."""

DATA = "#404040"        # data points, dark grey
SGD = "#E69F00"         # the current SGD parameters, orange
ANALYTICAL = "#0072B2"  # the analytical least-squares solution, blue
TRUE = "#009E73"        # the true parameters of generated data, green (dashed)
BATCH = "#D55E00"       # the current minibatch, vermillion
VALIDATION = "#56B4E9"  # validation data and losses, sky blue
NEGATIVE = "#CC79A7"    # negative weights in the neuron diagram, reddish purple
YOURS = "#CC79A7"       # the learner's own line, reddish purple (dash-dot: not a weight sign)
RESIDUAL = "#A0A0A0"    # residual segments, light grey
TEXT = "#202020"
