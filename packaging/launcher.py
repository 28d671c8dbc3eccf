"""The frozen app's entry point (PyInstaller runs this file)."""

from spasticity_tracker.app import main

raise SystemExit(main())
