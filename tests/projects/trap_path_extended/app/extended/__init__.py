import os

__path__.extend([os.path.join(os.path.dirname(__file__), "_more")])
