"""Field readers: each reads one part of a ``Case`` from the sentences of one patient.

``context`` holds what every reader shares (the document's records, evidence spans, the
assertion of a mention); ``patterns`` the regexes compiled once per pipeline. One module per
field: ``demographics`` (age, sex, pregnancy), ``findings`` (conditions, features, look-alikes),
``exposures``, ``medications``, ``treatments``, ``outcome``, ``lesions``, ``observations``
(imaging and histology), ``labs`` and ``diagnosis`` (the authors' stated diagnosis).
``calcidx.extract.cases.CaseBuilder`` runs them sentence by sentence and assembles the ``Case``.
"""
