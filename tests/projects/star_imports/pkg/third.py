from json import *
from somewhere_not_installed import *
