import typing
from collections import OrderedDict as _OD

ADMIN: str = "admin"
annotated_only: int  # a bare annotation binds nothing
counter = 0
first, (second, *rest) = 1, (2, 3, 4)

for loop_var in range(1):
    pass

with open(__file__) as handle_file:
    pass

if (walrus_name := 3) > 2:
    pass


class User:
    pass


async def load_user():
    return User()


def make_global():
    global made_by_global
    made_by_global = 1


temporary = 1
del temporary

match_subject = {"k": 1}
match match_subject:
    case {"k": matched_value}:
        pass
