"""Pieces shared by pages: photo strip, working-day calendar, shortcut list."""
