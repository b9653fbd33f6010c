"""evaluation: scoring extraction and assessment against gold corpora (``calcidx eval``)."""
