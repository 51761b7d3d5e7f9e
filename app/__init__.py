"""Casenotes: offline note assistant for social care.

This package is the only one that knows about Qt and the command line: the two front ends
(cli/, the `casenotes` command; ui/, the PySide6 window, with qt.py its one Qt import) and
what they share (services, the models' steps; casework, the workflow over the vault;
capture and recording, audio to the vault as it arrives; settings and policy).
"""

__version__ = "0.1.0"
