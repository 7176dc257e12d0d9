import app.settings

app.settings.TESTING = True  # pytest runs this before collecting any test module
