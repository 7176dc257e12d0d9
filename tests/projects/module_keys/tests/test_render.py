from render.environment import Environment
from render.environment import Template  # IMG102
from render.runner import Generated
from render.runner import Absent  # unknown: exec() into the module's globals may bind any name
