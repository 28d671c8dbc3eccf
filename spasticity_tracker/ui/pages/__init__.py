"""The main window's pages: Today, History, Medicines, Trends, Summary, Welcome."""
