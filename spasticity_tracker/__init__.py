"""Spasticity Tracker: a daily diary of spasticity, baclofen doses and side effects."""

__version__ = "0.1.0"
APP_NAME = "Spasticity Tracker"
