"""Approved notes out of the vault: the export document every format is rendered from
(document), the formats themselves (formats; pdf, the tagged-PDF writer), emphasis kept as
text (emphasis), masking third parties' details (redact), and writing a batch all-or-nothing
(batch). Which notes may leave is decided by the record (storage/records/exports.py)."""
