from app.models import Session, UserSession  # IMG102 "did you mean 'Session'?"
