"""The case record on disk: the data folder, and (next) the encrypted vault. No Qt here."""
