import os

__path__[:] = [os.path.dirname(__file__), os.path.join(os.path.dirname(__file__), "..", "extended", "_more")]
