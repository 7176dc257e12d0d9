ENV = "prod"
