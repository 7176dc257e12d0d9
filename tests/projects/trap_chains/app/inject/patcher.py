import app.inject.target

app.inject.target.added = 1
