import sys
import types


class PackageLoader:
    def __init__(self, package_name):
        self.package_name = package_name  # a parameter of the same name as the key below


class Loader:
    def __init__(self):
        package_name = f"_tmpl_templates_{id(self):x}"
        module = types.ModuleType(package_name)
        sys.modules[package_name] = module
        self.module = module
