class Pool:
    dispatch: type  # annotated only: set by app.events' metaclass, for PoolEvents

    def connect(self):
        return self


from app import pool_events  # noqa: E402,F401 (as sqlalchemy.pool imports its events)
