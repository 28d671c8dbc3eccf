"""Qt-free view models: what each page shows, its choices and its words."""
