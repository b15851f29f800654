"""An example gipcheck plugin (see plugin.py)."""
