from app._lazy import caller_name, name_of_caller_registered, option

NAME = caller_name()
OPTIONS = option(prog="app")
SEEN = name_of_caller_registered()
