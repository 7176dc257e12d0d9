class Account:
    plan = "free"
