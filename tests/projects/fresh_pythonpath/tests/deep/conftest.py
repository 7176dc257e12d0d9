import tools.plugins
