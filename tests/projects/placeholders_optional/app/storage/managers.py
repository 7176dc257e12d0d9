from app.storage.clickhouse import ClickHouseClient


class ClickHouseManager:
    client = ClickHouseClient
