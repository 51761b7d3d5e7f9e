"""Audio in, timed segments out. No Qt here: the GUI and the CLI both drive this package
through `app.services`."""
