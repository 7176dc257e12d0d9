import app._lazy

app._lazy.install_lazy_importer({"CancelScope": "app.core.CancelScope"})
