import app.services.gone_module
