from app._lazy import caller_name

NAME = caller_name()
