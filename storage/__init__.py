"""The encrypted case record. No Qt here.

The data folder (paths), the SQLCipher vault with its one owner thread (vault, connection),
key slots and the OS keyring (keys, keyring_store, attempts), the schema and its migrations
(schema/, migrations), the record itself (records/), who may do what (roles), the
hash-chained audit log (audit), retention, typed errors and field checks (errors, fields),
and the ways out (exports/).
"""
