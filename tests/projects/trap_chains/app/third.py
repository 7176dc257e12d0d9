import json
from os import path
