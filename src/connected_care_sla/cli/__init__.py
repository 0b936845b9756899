"""The ``connected-care-sla`` command line (also ``python -m connected_care_sla``).

The package, read top down:

* `main`: the parser and ``main()``, the console script's entry point
  (exit codes 0 fine, 2 bad input with one line on stderr);
* `arguments`: reading options (times, dates, calendars, policies) and
  `CliError`; the one read of the clock;
* `output`: printing text, JSON and warnings;
* `tickets` (``deadline``, ``status``), `listings` (``table``,
  ``calendar``) and `files` (``batch``, ``report``, with
  `records` reading CSV records with their line numbers and
  `streams` for their files): the commands, each module with a
  ``register(subparsers)``.

Nothing is imported here, so ``connected_care_sla.cli.main`` is the module.
"""
