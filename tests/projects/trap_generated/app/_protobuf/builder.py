"""A stand-in for google.protobuf.internal.builder: it creates the message classes at import."""


def BuildMessageAndEnumDescriptors(descriptor, module_globals):
    module_globals["_USER"] = descriptor


def BuildTopDescriptorsAndMessages(descriptor, module_name, module_globals):
    for name in descriptor["messages"]:
        module_globals[name] = type(name, (), {"__module__": module_name})
