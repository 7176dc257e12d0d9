from app._lazy import caller_name, option

NAME = caller_name()
OPTIONS = option(prog="app")
