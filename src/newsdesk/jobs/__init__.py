"""Jobs: what the queue itself does not record, such as which worker processes are alive."""
