"""The ``connected-care-sla`` command line (also ``python -m connected_care_sla``).

The package, read top down:

* :mod:`.main`: the parser and ``main()``, the console script's entry point
  (exit codes 0 fine, 2 bad input with one line on stderr);
* :mod:`.arguments`: reading options (times, dates, calendars, policies) and
  :class:`~.arguments.CliError`; the one read of the clock;
* :mod:`.output`: printing text, JSON and warnings;
* :mod:`.tickets` (``deadline``, ``status``), :mod:`.listings` (``table``,
  ``calendar``) and :mod:`.files` (``batch``, ``report``, with
  :mod:`.records` reading CSV records with their line numbers and
  :mod:`.streams` for their files): the commands, each module with a
  ``register(subparsers)``.

Nothing is imported here, so ``connected_care_sla.cli.main`` is the module.
"""
