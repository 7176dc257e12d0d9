"""What is left of the old domains module."""
