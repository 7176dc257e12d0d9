class CsvPlugin:
    pass
