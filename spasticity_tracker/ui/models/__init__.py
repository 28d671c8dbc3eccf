"""Thin Qt item models over lists of domain records."""
