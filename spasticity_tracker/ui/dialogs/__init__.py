"""The dialogs, each opened with open() and a callback."""
