"""Compiled templates run in a namespace made for them: exec() binds nothing here."""


def from_code(code, environment):
    namespace = {"environment": environment}
    exec(code, namespace)
    return namespace


class Environment:
    pass
