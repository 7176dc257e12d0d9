from app.events import Events
from app.pool import Pool


class PoolEvents(Events):
    _target = Pool
