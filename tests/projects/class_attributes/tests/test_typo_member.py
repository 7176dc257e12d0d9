from app.plans import Machine

MACHINES = [Machine.X8664, Machine.ARM]  # IMG104 "did you mean 'X86_64'?"


def test_machines():
    assert MACHINES
