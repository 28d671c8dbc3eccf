"""Run the app with ``python -m spasticity_tracker`` (and the `spasticity-tracker` command).

Python's cyclic garbage collector is held off from the first import until the window's first
paint (see app.collector_after_start): starting makes some 300,000 objects that live as long
as the app (modules, classes, SQLAlchemy's and Qt's), and collections part-way walked them
again and again, about 120 ms of the start.
"""

import gc


def run() -> int:
    gc.disable()
    from spasticity_tracker.app import main

    return main()


if __name__ == "__main__":
    raise SystemExit(run())
