"""Opening, saving and exporting: CSV data, session files, plots and scripts."""
