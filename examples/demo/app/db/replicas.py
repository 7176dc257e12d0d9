def get_replica_db():
    return "replica"


def get_primary_db():
    return "primary"
