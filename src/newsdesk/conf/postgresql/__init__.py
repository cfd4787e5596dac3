"""PostgreSQL as Django's own backend, bounded to the protocol's 65,535 parameters a statement
when values are bound on the server (see ``base``)."""
