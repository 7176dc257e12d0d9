import json


class ClickHouseClient:
    def query(self, sql):
        return json.dumps(sql)
