"""The PySide6 interface. The only package that imports Qt; it calls ``services`` only."""
