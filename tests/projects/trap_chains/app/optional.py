import not_installed_distribution_xyz

VALUE = 1
