"""``python -m linreg_lab``: the same as the ``linreg-lab`` command."""

import sys

from linreg_lab.gui.shell.app import main

sys.exit(main(sys.argv[1:]))
