from app import _lazy as lazy

lazy.install_lazy_importer({"Event": "app.core.Event"})
