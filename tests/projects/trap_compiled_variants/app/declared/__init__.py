from app.declared._impl import install

install(globals())  # fills in what the stub declares
