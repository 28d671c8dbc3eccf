"""Run the app with ``python -m spasticity_tracker``."""

from spasticity_tracker.app import main

raise SystemExit(main())
