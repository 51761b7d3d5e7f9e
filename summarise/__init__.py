"""Transcript + template in, cited draft out. No Qt here."""
