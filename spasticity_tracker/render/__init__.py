"""What is drawn without a window: the trends chart and the clinic summary's PDF."""
