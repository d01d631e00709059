"""The store's side of importing: matching clients, dropping what was imported before,
and writing each file's records atomically (see ``apply.write_records``)."""
