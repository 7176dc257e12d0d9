class Engine:
    def run(self):
        return "running"
