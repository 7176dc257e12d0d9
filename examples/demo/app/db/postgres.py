def connect():
    return "postgres"
