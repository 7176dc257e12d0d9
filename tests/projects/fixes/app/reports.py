class Report:
    pass


class ReportContextBuilder:
    pass
