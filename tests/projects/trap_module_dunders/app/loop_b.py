from app.loop_a import __file__ as a_file
from app.loop_a import A

B = a_file
