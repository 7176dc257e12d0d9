import enum

Status = enum.Enum("Status", "ACTIVE INACTIVE")  # functional API: the members are not module names
