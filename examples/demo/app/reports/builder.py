from app.models import UserSession


class ReportBuilder:
    def __init__(self, session: UserSession):
        self.session = session
